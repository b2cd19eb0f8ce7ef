//! The `refmill` command: argument parsing and the choices around the
//! library's pipeline (`refmill::convert`).

use clap::{Args, Parser, Subcommand, ValueEnum};
use refmill::batch::{self, Discover, InputSpec, Source};
use refmill::convert::{self, Destination, Options};
use refmill::input::DecodeOptions;
use refmill::read::InputFormat;
use refmill::report::{self, ColorChoice, ReportOptions, TermReporter};
use refmill::write::{Format, WriteOptions};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// mimalloc instead of the system allocator: the parser and the writers
/// make many small short-lived strings, and glibc's malloc/free were a
/// quarter of the profile (see README, "Speed and memory").
#[global_allocator]
static GLOBAL: Allocator = Allocator;

/// mimalloc through its plain `malloc` entry points when the alignment
/// asked for is at most a word's and the size at least that (strings,
/// vectors, most boxes): the `mimalloc` crate's allocator always takes the
/// aligned entry points, which test the alignment on each call, about
/// twenty instructions more an allocation (a reference makes two dozen).
/// `mi_malloc` is a C `malloc` (it stands in for it when overriding): its
/// blocks are aligned for any type of their size up to `max_align_t`, so
/// for these layouts as for `std`'s `System` on `libc::malloc`. Other
/// layouts go to the crate's allocator; `mi_free` frees either kind.
struct Allocator;

/// The alignment the plain entry points give a block of this size or more.
const WORD: usize = std::mem::size_of::<usize>();

/// Whether `mi_malloc` (`mi_realloc`) may serve a block of `size` bytes
/// aligned to `align`.
fn plain(align: usize, size: usize) -> bool {
    align <= WORD && align <= size
}

// SAFETY: each method forwards to mimalloc with the same arguments; the
// plain entry points serve only the layouts whose alignment they give
// (see above), the rest is `MiMalloc`'s, and every block is mimalloc's.
unsafe impl std::alloc::GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        if plain(layout.align(), layout.size()) {
            // SAFETY: see the impl.
            unsafe { libmimalloc_sys::mi_malloc(layout.size()).cast() }
        } else {
            // SAFETY: the caller's contract, passed on.
            unsafe { mimalloc::MiMalloc.alloc(layout) }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        if plain(layout.align(), layout.size()) {
            // SAFETY: see the impl.
            unsafe { libmimalloc_sys::mi_zalloc(layout.size()).cast() }
        } else {
            // SAFETY: the caller's contract, passed on.
            unsafe { mimalloc::MiMalloc.alloc_zeroed(layout) }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: std::alloc::Layout) {
        // SAFETY: `ptr` came from mimalloc (the caller's contract).
        unsafe { libmimalloc_sys::mi_free(ptr.cast()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        if plain(layout.align(), new_size) {
            // SAFETY: see the impl; `ptr` came from mimalloc.
            unsafe { libmimalloc_sys::mi_realloc(ptr.cast(), new_size).cast() }
        } else {
            // SAFETY: the caller's contract, passed on.
            unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) }
        }
    }
}

const AFTER_HELP: &str = "\
Examples:
  refmill convert refs.txt --to bibtex -o refs.bib
  refmill convert refs.txt --to ris > refs.ris
  cat refs.txt | refmill convert - --to csl-json
  refmill convert refs.txt --to csv --csv-bom -o refs.csv     # for Excel
  refmill convert lists/ --glob '*.txt' --to biblatex --out-dir bib/
  refmill convert a.txt b.txt --to bibtex -o all.bib           # one file, unique keys
  refmill convert refs.txt --to ris --explain --color always | less -R  # why so?
  refmill convert library.bib --to apa                        # any format in, APA 7 text out
  refmill convert zotero.ris --to csl-json -o items.json

Warnings go to standard error as `file:line: warning: message` (text not
read, input repaired), notes as `file:line: note: message` (a value the
output format cannot hold, such as a year suffix in BibTeX), then one
summary line (counts in and out, time, speed).

Exit status:
  0  every input converted (warnings allowed, unless --strict)
  1  --strict and some warning was given (a reference not fully parsed, a
     repaired input, an input without references); or, with several inputs,
     some input could not be read and was skipped (the others were written)
  2  usage error; no input could be read; or an output could not be written";

/// APA reference lists to BibTeX, BibLaTeX, RIS, CSL-JSON and CSV (and back).
#[derive(Parser, Debug)]
#[command(
    name = "refmill",
    version,
    about,
    propagate_version = true,
    after_help = "Example:\n  refmill convert refs.txt --to bibtex -o refs.bib\n\n\
                  See `refmill convert --help` for every option."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Convert reference lists (APA text; or BibTeX, BibLaTeX, RIS,
    /// CSL-JSON, CSV) to another format.
    #[command(after_help = AFTER_HELP)]
    Convert(ConvertArgs),
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FormatArg {
    /// CSL-JSON (one JSON array; Zotero, Pandoc, citeproc)
    #[value(name = "csl-json", alias = "json")]
    CslJson,
    /// BibTeX (bibtex, natbib)
    #[value(alias = "bib")]
    Bibtex,
    /// BibLaTeX (biber)
    Biblatex,
    /// RIS (Zotero, EndNote, Mendeley)
    Ris,
    /// CSV, one row per reference
    Csv,
    /// APA 7 reference list as plain text
    #[value(alias = "txt")]
    Apa,
    /// APA 7 reference list as HTML (italics marked up)
    #[value(name = "apa-html", alias = "html")]
    ApaHtml,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FromArg {
    /// Decide per input: from the content, then the file extension
    Auto,
    /// An APA reference list as text (pasted from Word, a web page, a PDF)
    #[value(alias = "txt")]
    Apa,
    /// BibTeX
    #[value(alias = "bib")]
    Bibtex,
    /// BibLaTeX
    Biblatex,
    /// RIS
    Ris,
    /// CSL-JSON (an array of items)
    #[value(name = "csl-json", alias = "json")]
    CslJson,
    /// CSV with refmill's columns (docs/csv.md)
    Csv,
}

impl FromArg {
    fn format(self) -> Option<InputFormat> {
        Some(match self {
            FromArg::Auto => return None,
            FromArg::Apa => InputFormat::Apa,
            FromArg::Bibtex => InputFormat::Bibtex,
            FromArg::Biblatex => InputFormat::Biblatex,
            FromArg::Ris => InputFormat::Ris,
            FromArg::CslJson => InputFormat::CslJson,
            FromArg::Csv => InputFormat::Csv,
        })
    }
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::CslJson => Format::CslJson,
            FormatArg::Bibtex => Format::Bibtex,
            FormatArg::Biblatex => Format::Biblatex,
            FormatArg::Ris => Format::Ris,
            FormatArg::Csv => Format::Csv,
            FormatArg::Apa => Format::Apa,
            FormatArg::ApaHtml => Format::ApaHtml,
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Args, Debug)]
struct ConvertArgs {
    /// Reference lists to read (`-` or none: standard input). With
    /// --out-dir or --merge, directories are searched recursively.
    #[arg(value_name = "INPUT")]
    inputs: Vec<PathBuf>,

    /// Output format.
    #[arg(short = 't', long = "to", value_name = "FORMAT")]
    to: FormatArg,

    /// Input format. Without it each input's content decides (a RIS `TY`
    /// line, `@article{` entries, a JSON array, refmill's CSV header),
    /// then its extension (.bib, .ris, .json, .csv); anything else is read
    /// as an APA reference list.
    #[arg(
        short = 'f',
        long = "from",
        value_name = "FORMAT",
        default_value = "auto",
        help_heading = "Input"
    )]
    from: FromArg,

    /// Write to FILE (atomically: it appears complete or not at all)
    /// instead of standard output (`-`). Several inputs go into this one
    /// file.
    #[arg(short, long, value_name = "FILE", conflicts_with = "out_dir")]
    output: Option<PathBuf>,

    /// Write one file per input to DIR/<relative path>.<ext>, recursing
    /// into directories. Never overwrites an input.
    #[arg(long, value_name = "DIR", help_heading = "Batch")]
    out_dir: Option<PathBuf>,

    /// Convert all inputs (also directories, recursively) into one output
    /// (-o FILE or standard output), with citation keys unique across
    /// files. Several inputs without --out-dir are merged anyway.
    #[arg(long, conflicts_with = "out_dir", help_heading = "Batch")]
    merge: bool,

    /// Only take files in directories that match PATTERN (repeatable;
    /// `*.txt` matches file names, `2024/**/*.txt` paths under the
    /// directory). Hidden files are always skipped.
    #[arg(long, value_name = "PATTERN", help_heading = "Batch")]
    glob: Vec<String>,

    /// Parser threads [default: all cores].
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    jobs: Option<u16>,

    /// Exit with status 1 when any warning was given (a reference not
    /// fully parsed, a repaired input, an input without references).
    /// Notes on values the output format cannot hold do not count.
    #[arg(long)]
    strict: bool,

    /// Print only errors: no warnings, progress bar or summary.
    #[arg(short, long)]
    quiet: bool,

    /// Colour messages: auto (on a terminal, unless NO_COLOR is set),
    /// always or never.
    #[arg(long, value_name = "WHEN", default_value = "auto")]
    color: ColorArg,

    /// Never show the progress bar (it is shown only when standard error
    /// is a terminal).
    #[arg(long)]
    no_progress: bool,

    /// Accept damaged input: replace invalid UTF-8/UTF-16 with U+FFFD and
    /// drop NUL bytes, with a warning, instead of failing.
    #[arg(long, help_heading = "Input")]
    lossy: bool,

    /// The inputs' encoding when they are not UTF-8 (a byte-order mark
    /// wins): a WHATWG label such as windows-1252 (a file saved as "ANSI"
    /// or "Plain Text" on Windows), iso-8859-2, shift_jis, gbk, utf-16le.
    #[arg(long, value_name = "LABEL", value_parser = parse_encoding, help_heading = "Input")]
    encoding: Option<&'static encoding_rs::Encoding>,

    /// BibTeX/BibLaTeX: write non-ASCII letters as LaTeX accent macros
    /// ({\"u}), for classic 8-bit bibtex.
    #[arg(long, help_heading = "Output")]
    ascii: bool,

    /// CSV: start with a UTF-8 byte-order mark, so that Excel reads the
    /// file as UTF-8.
    #[arg(long, help_heading = "Output")]
    csv_bom: bool,

    /// CSL-JSON: write the `software` type as such, for citeproc and
    /// pandoc. By default it is written as `book` with its version, because
    /// Zotero rejects a whole CSL-JSON file that has a `software` item.
    #[arg(long, help_heading = "Output")]
    no_zotero_compat: bool,

    /// Show, for each reference, which part of its text became which
    /// field, with the text no field used and the warnings. Goes to
    /// standard output; records are then written only with -o or
    /// --out-dir.
    #[arg(long)]
    explain: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Ctrl-C (or SIGTERM/SIGHUP) ends the process without destructors:
    // remove the temporary output files first, so that nothing is left.
    let _ = ctrlc::set_handler(|| {
        refmill::output::remove_temp_files();
        eprintln!("refmill: interrupted");
        std::process::exit(130);
    });
    match cli.command {
        Command::Convert(args) => convert_main(args),
    }
}

fn eprint_fatal(color: bool, msg: &str) {
    eprintln!("{}", report::fatal_line(color, msg));
}

fn convert_main(a: ConvertArgs) -> ExitCode {
    let color_choice = match a.color {
        ColorArg::Auto => ColorChoice::Auto,
        ColorArg::Always => ColorChoice::Always,
        ColorArg::Never => ColorChoice::Never,
    };
    let err_color = report::use_color(color_choice, std::io::stderr().is_terminal());
    let format: Format = a.to.into();

    // Which inputs.
    let how = Discover {
        expand_dirs: a.out_dir.is_some() || a.merge,
        globs: a.glob.clone(),
        skip_dir: a.out_dir.clone(),
        skip_file: a.output.clone().filter(|o| o.as_os_str() != "-"),
    };
    if !a.glob.is_empty() && a.out_dir.is_none() && !a.merge {
        eprint_fatal(
            err_color,
            "--glob filters the files found in directories: use it with --out-dir or --merge",
        );
        return ExitCode::from(2);
    }
    let inputs = match batch::discover(&a.inputs, &how) {
        Ok(i) => i,
        Err(e) => {
            eprint_fatal(err_color, &e.to_string());
            return ExitCode::from(2);
        }
    };
    if inputs.is_empty() {
        eprint_fatal(
            err_color,
            "no input files found (check the directories and --glob)",
        );
        return ExitCode::from(2);
    }

    // Where to.
    let dest = if let Some(dir) = &a.out_dir {
        match batch::out_paths(&inputs, dir, format.extension()) {
            Ok(p) => Destination::PerInput(p),
            Err(e) => {
                eprint_fatal(err_color, &e.to_string());
                return ExitCode::from(2);
            }
        }
    } else if let Some(o) = a.output.as_ref().filter(|o| o.as_os_str() != "-") {
        if let Err(e) = batch::check_output(o, &inputs) {
            eprint_fatal(err_color, &e.to_string());
            return ExitCode::from(2);
        }
        Destination::File(o.clone())
    } else if a.explain {
        Destination::Discard
    } else {
        Destination::Stdout
    };

    let reads_stdin = inputs.iter().any(|i| i.source == Source::Stdin);
    if reads_stdin && std::io::stdin().is_terminal() && !a.quiet {
        eprintln!("refmill: reading references from the terminal; end with Ctrl-D (see --help)");
    }

    let mut opts = Options::new(format);
    opts.write = WriteOptions {
        ascii: a.ascii,
        csv_bom: a.csv_bom,
        zotero_compatible: !a.no_zotero_compat,
        ..WriteOptions::default()
    };
    opts.decode = DecodeOptions {
        lossy: a.lossy,
        encoding: a.encoding,
    };
    opts.from = a.from.format();
    if let Some(j) = a.jobs {
        opts.jobs = usize::from(j);
    }

    let total_bytes = inputs
        .iter()
        .map(|i: &InputSpec| i.size)
        .sum::<Option<u64>>();
    let mut reporter = TermReporter::new(ReportOptions {
        quiet: a.quiet,
        color: err_color,
        progress: !a.no_progress && std::io::stderr().is_terminal(),
        total_bytes,
        explain: a.explain,
        explain_color: report::use_color(color_choice, std::io::stdout().is_terminal()),
    });

    let result = convert::run(inputs, &dest, &opts, &mut reporter);
    // The explanation's last bytes are flushed here; their error counts
    // like an error writing records to standard output.
    let result = match (result, reporter.finish()) {
        (Ok(_), Err(source)) => Err(convert::Fatal {
            path: "<stdout>".into(),
            source,
        }),
        (r, _) => r,
    };
    match result {
        // `refmill ... | head`: the reader has what it wanted.
        Err(f) if f.is_broken_pipe() && f.path == "<stdout>" => ExitCode::SUCCESS,
        Err(f) => {
            eprint_fatal(err_color, &f.to_string());
            ExitCode::from(2)
        }
        Ok(s) => {
            reporter.summary(&s);
            if s.failed > 0 && s.failed == s.files {
                ExitCode::from(2)
            } else if s.failed > 0 || (a.strict && s.counts.warnings > 0) {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
    }
}

/// An encoding named by its WHATWG label ("windows-1252", "latin1",
/// "shift_jis"), for `--encoding`.
fn parse_encoding(label: &str) -> Result<&'static encoding_rs::Encoding, String> {
    encoding_rs::Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
        format!(
            "unknown encoding `{label}` (try windows-1252, iso-8859-2, shift_jis, gbk, utf-16le)"
        )
    })
}
