//! The `isnad` command line: parses arguments, calls the library, maps errors to exit codes
//! (0 = the run finished, 1 = `--strict` and a document failed, 2 = bad arguments, no input,
//! bad data file or unwritable output).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use isnad::eval::{EvalConfig, evaluate, render};
use isnad::input::Encoding;
use isnad::{Error, ExtractConfig};

/// Who is named, how they relate, and who claimed what, in Arabic, Persian and English news.
#[derive(Debug, Parser)]
#[command(name = "isnad", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract entities, relations and claims from every .txt file under PATH... into CSV tables.
    Extract {
        /// Files or folders (folders are walked recursively for *.txt).
        #[arg(required_unless_present = "stdin_jsonl")]
        paths: Vec<PathBuf>,
        /// Output folder for documents.csv, entities.csv, relations.csv, claims.csv.
        #[arg(long, default_value = "out")]
        out: PathBuf,
        /// Worker threads (default: all cores).
        #[arg(long, short = 'j')]
        jobs: Option<usize>,
        /// Folder of gazetteer *.tsv files that add to or replace (same file name) the built-in ones.
        #[arg(long)]
        gazetteers: Option<PathBuf>,
        /// Folder of rule *.tsv files that add to or replace (same file name) the built-in ones.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Input encoding: utf-8 (default, with BOM detection and Windows-1256 fallback) or windows-1256.
        #[arg(long, default_value = "utf-8")]
        encoding: String,
        /// Exit with code 1 when any document could not be read.
        #[arg(long)]
        strict: bool,
        /// Files larger than this many megabytes become error rows instead of being read.
        #[arg(long, default_value_t = 100)]
        max_mb: u64,
        /// Print nothing but errors.
        #[arg(long, short = 'q')]
        quiet: bool,
        /// Table format: csv (RFC 4180, with datapackage.json), jsonl (JSON Lines: documents.jsonl,
        /// …, one object per row) or xlsx (one workbook, isnad.xlsx, one sheet per table, typed cells).
        #[arg(long, default_value = "csv", value_parser = ["csv", "jsonl", "xlsx"], conflicts_with = "stdin_jsonl")]
        format: String,
        /// Spreadsheet-safe CSV: UTF-8 BOM, CRLF, and text cells starting with = + - @ TAB or CR
        /// prefixed with ' so that spreadsheets never run them as formulas.
        #[arg(long, conflicts_with = "stdin_jsonl")]
        excel: bool,
        /// Also write the HTML reading view (index.html, one page per article) into this folder.
        #[arg(long, value_name = "DIR", conflicts_with = "stdin_jsonl")]
        html: Option<PathBuf>,
        /// Documents read and processed together before their rows are written: memory grows with
        /// it, never with the corpus; the output does not change.
        #[arg(long, default_value_t = isnad::pipeline::DEFAULT_CHUNK)]
        chunk: usize,
        /// Read {"doc_id", "text"} JSON Lines from stdin and write one JSON object per table row
        /// (with a "table" field) to stdout, instead of reading files and writing CSV.
        #[arg(long, conflicts_with = "paths")]
        stdin_jsonl: bool,
        /// CSV of `doc_id,date` rows (ISO: YYYY, YYYY-MM or YYYY-MM-DD) giving documents their
        /// date in documents.csv, over the date read from the text or given in --stdin-jsonl.
        #[arg(long, value_name = "FILE.csv")]
        dates: Option<PathBuf>,
        /// Benchmark floor: only read, normalize and scan with the gazetteer automaton; print the
        /// match count and timings; write nothing.
        #[arg(long, hide = true)]
        bare_scan: bool,
    },
    /// Score predicted tables against gold annotations (SCHEMA §9).
    Eval {
        /// Folder with the gold entities.csv (and relations.csv, claims.csv).
        #[arg(long)]
        gold: PathBuf,
        /// Folder with the predicted tables.
        #[arg(long)]
        pred: PathBuf,
        /// Folder with the articles, to check every row's text against its offsets and show context.
        #[arg(long)]
        docs: Option<PathBuf>,
        /// List misses and false alarms.
        #[arg(long)]
        errors: bool,
        /// Gold claim grouping (`doc_id,claim_id,group` CSV): also score the predicted
        /// `group_id`s pairwise (precision, recall, F1 over pairs of matched claims).
        #[arg(long, value_name = "FILE")]
        groups: Option<PathBuf>,
    },
    /// Recompute claim_groups.csv and the group_id column of claims.csv from a finished run's
    /// documents, relations and claims tables (.csv or .jsonl), e.g. after --stdin-jsonl.
    Group {
        /// Folder with the run's tables.
        #[arg(value_name = "OUT_DIR")]
        tables: PathBuf,
        /// Print nothing but errors.
        #[arg(long, short = 'q')]
        quiet: bool,
    },
    /// Export a finished run's tables as one STIX 2.1 bundle (stdout, or --out FILE).
    Export {
        /// Folder with the run's tables (documents, entities, relations, claims; .csv or .jsonl).
        #[arg(long, value_name = "OUT_DIR")]
        stix: PathBuf,
        /// Write the bundle to FILE (through FILE.tmp, renamed when complete) instead of stdout.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Gazetteer folder as given to extract (threat-actor aliases); the built-in one by default.
        #[arg(long, value_name = "DIR")]
        gazetteers: Option<PathBuf>,
    },
    /// Write the HTML reading view of a finished run: index.html and one page per article.
    Report {
        /// Folder with the run's tables (documents, entities, relations, claims; .csv or .jsonl).
        #[arg(value_name = "OUT_DIR")]
        tables: PathBuf,
        /// Folder to write the pages into.
        #[arg(long, value_name = "DIR")]
        html: PathBuf,
        /// The files or folders the run read (as given to extract; repeat for several).
        #[arg(long, value_name = "PATH", required = true)]
        docs: Vec<PathBuf>,
        /// Article encoding, as for extract.
        #[arg(long, default_value = "utf-8")]
        encoding: String,
        /// Print nothing but errors.
        #[arg(long, short = 'q')]
        quiet: bool,
    },
}

/// Runs the reading view and reports what it wrote on stderr.
fn write_report(cfg: &isnad::report::ReportConfig, quiet: bool) -> Result<(), Error> {
    let r = isnad::report::report(cfg)?;
    if !quiet {
        print_report(&r, &cfg.html);
    }
    write_story(&cfg.tables, &cfg.html, quiet);
    Ok(())
}

/// Writes the reading view's story page from the finished tables in `tables`; a table it
/// cannot read (`--format xlsx` writes no CSV) is a warning, not a failed run.
fn write_story(tables: &std::path::Path, html: &std::path::Path, quiet: bool) {
    match isnad::story::write_story(tables, html) {
        Ok(n) if !quiet => {
            eprintln!("isnad: report: story view of {n} claim groups → {}", html.join("story.html").display())
        }
        Ok(_) => {}
        Err(e) => eprintln!("isnad: report: warning: story view not written: {e}"),
    }
}

/// Tells on stderr what the reading view wrote into `html`.
fn print_report(r: &isnad::report::ReportSummary, html: &std::path::Path) {
    for w in &r.warnings {
        eprintln!("isnad: report: warning: {w}");
    }
    eprintln!("isnad: report: {} pages → {}", r.pages, html.join("index.html").display());
}

fn main() -> ExitCode {
    // SIGINT / SIGTERM remove the temporary tables of the run before the process ends.
    if let Err(e) = isnad::interrupt::install() {
        eprintln!("isnad: warning: cannot install the interrupt handler: {e}");
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            if let isnad::ErrorKind::Io(msg) = e.kind()
                && msg.contains("Broken pipe")
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("isnad: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    match cli.command {
        Command::Extract {
            paths,
            out,
            jobs,
            gazetteers,
            rules,
            encoding,
            strict,
            max_mb,
            quiet,
            format,
            excel,
            html,
            chunk,
            stdin_jsonl,
            dates,
            bare_scan,
        } => {
            if jobs == Some(0) {
                return Err(Error::usage("--jobs must be at least 1"));
            }
            if chunk == 0 {
                return Err(Error::usage("--chunk must be at least 1"));
            }
            let cap = isnad::pipeline::max_jobs();
            let jobs = match jobs {
                Some(n) if n > cap => {
                    if !quiet {
                        eprintln!(
                            "isnad: note: --jobs {n} is more than this machine uses well: {cap} threads"
                        );
                    }
                    cap
                }
                other => other.unwrap_or(0),
            };
            let cfg = ExtractConfig {
                inputs: paths,
                out,
                jobs,
                gazetteers,
                rules,
                encoding: Encoding::parse(&encoding)?,
                max_bytes: max_mb.saturating_mul(1_000_000),
                format: isnad::output::OutputFormat {
                    jsonl: format == "jsonl",
                    excel,
                    xlsx: format == "xlsx",
                },
                html: html.clone(),
                dates,
            };
            if excel && format != "csv" {
                return Err(Error::usage(format!("--excel applies to CSV tables, not to --format {format}")));
            }
            if bare_scan {
                let b = isnad::pipeline::bare_scan(&cfg, true)?;
                println!(
                    "bare-scan: documents={} bytes={} matches={} load_s={:.3} scan_s={:.3} mb_per_s={:.1}",
                    b.documents,
                    b.bytes,
                    b.matches,
                    b.load_seconds,
                    b.scan_seconds,
                    b.bytes as f64 / 1e6 / b.scan_seconds.max(1e-9)
                );
                return Ok(ExitCode::SUCCESS);
            }
            let s = if stdin_jsonl {
                isnad::stream::extract_stdin(&cfg, chunk)?
            } else {
                let progress = !quiet && std::io::stderr().is_terminal();
                isnad::extract_with(&cfg, &isnad::RunOptions { chunk, progress, exiting: true })?
            };
            if !quiet {
                for w in &s.warnings {
                    eprintln!("isnad: warning: {w}");
                }
                let mb = s.counts.bytes as f64 / 1e6;
                eprintln!(
                    "isnad: {} documents ok, {} empty, {} error{}; {} entities, {} relations, {} claims; {:.2} s, {:.1} MB/s → {}",
                    s.counts.ok,
                    s.counts.empty,
                    s.counts.errors,
                    if s.counts.errors == 1 { "" } else { "s" },
                    s.counts.entities,
                    s.counts.relations,
                    s.counts.claims,
                    s.seconds,
                    mb / s.seconds.max(1e-9),
                    if stdin_jsonl { "stdout".into() } else { cfg.out.display().to_string() }
                );
            }
            if let (Some(dir), Some(r), false) = (&html, &s.html, quiet) {
                print_report(r, dir);
            }
            if let (Some(dir), false) = (&html, stdin_jsonl) {
                write_story(&cfg.out, dir, quiet);
            }
            Ok(if strict && s.counts.errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        Command::Report { tables, html, docs, encoding, quiet } => {
            let cfg = isnad::report::ReportConfig {
                tables,
                docs,
                html,
                encoding: Encoding::parse(&encoding)?,
                max_bytes: 100_000_000,
            };
            write_report(&cfg, quiet)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Export { stix, out, gazetteers } => {
            let cfg = isnad::stix::StixConfig { tables: stix, gazetteers };
            match out {
                Some(path) => isnad::stix::export_to_file(&cfg, &path)?,
                None => {
                    let stdout = std::io::stdout();
                    let mut w = std::io::BufWriter::new(stdout.lock());
                    isnad::stix::export(&cfg, &mut w)?;
                    std::io::Write::flush(&mut w).map_err(|e| Error::io("<stdout>", &e))?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval { gold, pred, docs, errors, groups } => {
            let (gold_claims, pred_claims) = (gold.join("claims.csv"), pred.join("claims.csv"));
            let scores = evaluate(&EvalConfig { gold, pred, docs, errors })?;
            print!("{}", render(&scores));
            if let Some(file) = groups {
                let g = isnad::groups::score::score(&gold_claims, &pred_claims, &file)?;
                print!("{}", isnad::groups::score::render(&g));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Group { tables, quiet } => {
            if !tables.is_dir() {
                return Err(Error::usage(format!("{} is not a folder of isnad tables", tables.display())));
            }
            let p = isnad::groups::table::regroup(&tables)?;
            if !quiet {
                eprintln!(
                    "isnad: group: {} claims in {} groups ({} across documents) → {}",
                    p.claims,
                    p.groups,
                    p.across_documents,
                    tables.display()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
