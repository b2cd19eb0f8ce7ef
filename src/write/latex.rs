//! Unicode to LaTeX encoding for `.bib` output (stub).
