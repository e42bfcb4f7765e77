//! Raw arguments → resolved settings (ripgrep's low-level → high-level
//! args; fd's cli.rs → config.rs): every flag is checked and turned into
//! typed values once, before any file is opened. This is the only file
//! below the dispatch that sees clap's types; the commands get the
//! settings built here (`cmd::settings`), and the library [`Config`] inside
//! them is what a library user or a binding builds directly.

use std::path::PathBuf;
use std::sync::Arc;

use super::output::{is_read, reads};
use super::settings::{
    AnalyzeSettings, AnnotateSettings, CheckSettings, ConvertSettings, DiffSettings,
    EvaluateSettings, KwicSettings, LintSettings, ListFormat, MergeSettings, MinF1,
    PictureSettings, ReproduceSettings, Run, SampleSettings, ShowSettings, Target, TestSettings,
};
use super::stderr::Stderr;
use crate::cli::{
    AnalyzeArgs, AnnotateArgs, AnnotateFormatArg, CategoryArgs, ChartTextArgs, CheckArgs,
    DedupeArg, EvalFormatArg, EvaluateArgs, InputArgs, InputFormatArg, KwicArgs, KwicFormatArg,
    LexiconConvertArgs, LexiconDiffArgs, LexiconFormatArg, LexiconLintArgs, LexiconShowArgs,
    LexiconTestArgs, LintFormatArg, MergeArgs, OnOff, OutputFormatArg, OverlapArg, PeriodArg,
    PresetArg, ReproduceArgs, SampleArgs,
};
use crate::config::{Analysis, Config, Dedupe, Input, LexiconSpec, Validation};
use crate::error::{Error, Result};
use crate::lexicon::{LexiconFormat, ReadOptions, TableColumns};
use crate::matcher::{MatchOptions, Overlap};
use crate::report::chart::ChartText;
use crate::report::{CategoryFilter, OutputFormat};
use crate::source::date::Period;
use crate::source::number::Decimal;
use crate::source::preset::Preset;
use crate::source::{InputFormat, PresetChoice, SourceOptions};

/// The library configuration of the common input flags.
pub fn run(args: &InputArgs) -> Result<Run> {
    reads(&args.inputs);
    reads(&args.lexicons);
    let stderr = Arc::new(Stderr::new(args.quiet));
    let source = SourceOptions {
        format: args.input_format.map(|f| match f {
            InputFormatArg::Csv => InputFormat::Csv,
            InputFormatArg::Jsonl => InputFormat::Jsonl,
            InputFormatArg::Json => InputFormat::Json,
            InputFormatArg::Parquet => InputFormat::Parquet,
            InputFormatArg::X => InputFormat::X,
            InputFormatArg::Telegram => InputFormat::Telegram,
            InputFormatArg::Whatsapp => InputFormat::Whatsapp,
        }),
        delimiter: args
            .delimiter
            .as_deref()
            .map(crate::source::parse_delimiter)
            .transpose()?,
        no_header: args.no_header,
        text: args.text.clone(),
        id: args.id.clone(),
        fields: Vec::new(),
        optional_fields: Vec::new(),
        max_record_bytes: args.max_field_bytes,
        preset: match args.preset {
            None => PresetChoice::Auto,
            Some(PresetArg::None) => PresetChoice::Off,
            Some(PresetArg::Crowdtangle) => PresetChoice::Forced(Preset::CrowdTangle),
            Some(PresetArg::Meta) => PresetChoice::Forced(Preset::Meta),
            Some(PresetArg::FourCat) => PresetChoice::Forced(Preset::FourCat),
        },
        dayfirst: match (args.dayfirst, args.monthfirst) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        },
        records: args.records.clone(),
        encoding: args
            .encoding
            .as_deref()
            .map(|e| {
                crate::text::encoding::for_label(e)
                    .map_err(|m| Error::Usage(format!("--encoding: {m}")))
            })
            .transpose()?,
    };
    let config = Config {
        inputs: args
            .inputs
            .iter()
            .map(|i| Input::from(i.as_str()))
            .collect(),
        lexicons: args
            .lexicons
            .iter()
            .map(|l| LexiconSpec::from(l.as_str()))
            .collect(),
        lexicon_read: ReadOptions {
            format: args.lexicon_format.map(lexicon_format),
            columns: lexicon_columns(args.lexicon_columns.as_deref())?,
        },
        source,
        matching: MatchOptions {
            overlap: match args.overlap {
                OverlapArg::LeftmostLongest => Overlap::LeftmostLongest,
                OverlapArg::PerCategory => Overlap::PerCategory,
            },
            match_urls: args.match_urls,
            show_helpers: args.helpers,
            fold_diacritics: args.fold_diacritics.map(|f| f == OnOff::On),
        },
        strict: args.strict,
        threads: args.threads,
        analysis: Analysis::default(),
        observer: stderr.clone(),
    };
    Ok(Run { config, stderr })
}

/// `A=B` of a flag, or a usage error that says what was expected.
fn split_pair(flag: &str, what: &str, v: &String) -> Result<(String, String)> {
    v.split_once('=')
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .ok_or_else(|| Error::Usage(format!("{flag} {v:?}: expected {what}")))
}

/// `analyze`.
pub fn analyze(args: &AnalyzeArgs) -> Result<AnalyzeSettings> {
    let decimal = match args.decimal.as_str() {
        "." => Decimal::Dot,
        "," => Decimal::Comma,
        other => {
            return Err(Error::Usage(format!(
                "--decimal {other:?}: expected \".\" or \",\""
            )));
        }
    };
    if args.emit_tally.is_some() && args.dedupe.is_some() {
        return Err(Error::Usage(
            "--dedupe cannot be used with --emit-tally: duplicates across shards are not in a tally, so shards would not merge exactly"
                .into(),
        ));
    }
    let mut run = run(&args.input)?;
    run.config.analysis = Analysis {
        confidence: args.confidence,
        top_terms: args.top_terms,
        by: args.by.clone(),
        every: args.every.map(|p| match p {
            PeriodArg::Day => Period::Day,
            PeriodArg::Week => Period::Week,
            PeriodArg::Month => Period::Month,
            PeriodArg::Year => Period::Year,
        }),
        date: args.date.clone(),
        min_posts: args.min_posts,
        max_groups: args.max_groups,
        weight: args.weight.clone(),
        decimal,
        dedupe: args.dedupe.map(|d| match d {
            DedupeArg::Exact => Dedupe::Exact,
            DedupeArg::Normalized => Dedupe::Normalized,
        }),
        cluster: args.cluster.clone(),
        bootstrap: args.bootstrap,
        seed: args.seed,
        cooccurrence: args.cooccurrence,
        select: category_filter(&args.select),
        validation: match &args.validation {
            None => None,
            Some(path) => {
                reads([path]);
                Some(Validation {
                    path: path.clone(),
                    id: args.validation_id.clone(),
                    pairs: args
                        .validation_pair
                        .iter()
                        .map(|p| split_pair("--validation-pair", "COLUMN=CATEGORY", p))
                        .collect::<Result<Vec<_>>>()?,
                    min_coded: args.min_coded,
                })
            }
        },
    };
    run.config.analysis.validate()?;
    let format = output_format(args.format, args.output.as_deref())?;
    pictures(args.chart.as_ref(), args.html.as_ref())?;
    // With --emit-tally, the report is written only where -o says.
    let report = match (&args.emit_tally, &args.output) {
        (Some(_), None) => None,
        (_, path) => Some(Target::new(path.clone(), args.raw_csv)),
    };
    Ok(AnalyzeSettings {
        run,
        format,
        json: args.format == Some(OutputFormatArg::Json)
            || args
                .output
                .as_ref()
                .is_some_and(|p| p.extension().is_some_and(|e| e == "json")),
        report,
        emit_tally: args.emit_tally.clone(),
        pictures: PictureSettings {
            chart: args.chart.clone(),
            html: args.html.clone(),
            kwic_sample: args.kwic_sample,
            seed: args.seed,
            text: chart_text(&args.chart_text),
        },
    })
}

/// `kwic`.
pub fn kwic(args: &KwicArgs) -> Result<KwicSettings> {
    Ok(KwicSettings {
        run: run(&args.input)?,
        categories: args.category.clone(),
        exclude: args.exclude_categories.clone(),
        terms: args.term.clone(),
        window: args.window,
        sample: args.sample,
        seed: args.seed,
        format: list_format(args.format),
        target: Target::new(args.output.clone(), args.raw_csv),
    })
}

/// `--title`, `--subtitle`, `--source`, `--note` (blank is unset).
fn chart_text(args: &ChartTextArgs) -> ChartText {
    let set = |v: &Option<String>| v.clone().filter(|s| !s.trim().is_empty());
    ChartText {
        title: set(&args.title),
        subtitle: set(&args.subtitle),
        source: set(&args.source),
        note: set(&args.note),
    }
}

/// `--categories` and `--exclude-categories`.
fn category_filter(args: &CategoryArgs) -> CategoryFilter {
    let ids = |v: &[String]| -> Vec<String> {
        v.iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    CategoryFilter {
        include: ids(&args.categories),
        exclude: ids(&args.exclude_categories),
    }
}

/// `annotate`.
pub fn annotate(args: &AnnotateArgs) -> Result<AnnotateSettings> {
    Ok(AnnotateSettings {
        run: run(&args.input)?,
        select: category_filter(&args.select),
        csv: args.format == AnnotateFormatArg::Csv,
        target: Target::new(args.output.clone(), args.raw_csv),
    })
}

/// `sample`.
pub fn sample(args: &SampleArgs) -> Result<SampleSettings> {
    if args.sample == 0 {
        return Err(Error::Usage("--sample 0: ask for at least one post".into()));
    }
    Ok(SampleSettings {
        run: run(&args.input)?,
        n: args.sample,
        seed: args.seed,
        stratify: args.stratify,
        blind: args.blind,
        target: Target::new(args.output.clone(), args.raw_csv),
    })
}

/// `evaluate`.
pub fn evaluate(args: &EvaluateArgs) -> Result<EvaluateSettings> {
    if !(args.confidence > 0.0 && args.confidence < 1.0) {
        return Err(Error::Usage(format!(
            "--confidence {}: expected a level between 0 and 1",
            args.confidence
        )));
    }
    let split = split_pair;
    let pairs = args
        .pairs
        .iter()
        .map(|p| split("--pair", "COLUMN=CATEGORY", p))
        .collect::<Result<Vec<_>>>()?;
    let maps = args
        .maps
        .iter()
        .map(|m| split("--map", "LABEL=CATEGORY", m))
        .collect::<Result<Vec<_>>>()?;
    reads([&args.gold]);
    Ok(EvaluateSettings {
        run: run(&args.input)?,
        gold: args.gold.clone(),
        gold_id: args.gold_id.clone(),
        pairs,
        labels: args.label_column.clone().map(|c| (c, maps)),
        min_f1: min_f1(&args.min_f1)?,
        min_macro_f1: args
            .min_macro_f1
            .map(|x| unit_bar("--min-macro-f1", x))
            .transpose()?,
        min_kappa: args
            .min_kappa
            .map(|x| {
                if (-1.0..=1.0).contains(&x) {
                    Ok(x)
                } else {
                    Err(Error::Usage(format!(
                        "--min-kappa {x}: expected a number from -1 to 1"
                    )))
                }
            })
            .transpose()?,
        confidence: args.confidence,
        json: args.format == EvalFormatArg::Json,
        target: Target::new(args.output.clone(), false),
    })
}

/// `check`.
pub fn check(args: &CheckArgs) -> Result<CheckSettings> {
    if args.tolerance.is_nan() || args.tolerance < 0.0 {
        return Err(Error::Usage(format!(
            "--tolerance {}: expected percentage points ≥ 0",
            args.tolerance
        )));
    }
    reads([&args.baseline]);
    let mut analyze = analyze(&args.analyze)?;
    // The new report is written only where -o says.
    if args.analyze.output.is_none() {
        analyze.report = None;
    }
    Ok(CheckSettings {
        analyze,
        baseline: args.baseline.clone(),
        tolerance: args.tolerance,
    })
}

/// `reproduce`.
pub fn reproduce(args: &ReproduceArgs) -> Result<ReproduceSettings> {
    reads([&args.claims]);
    Ok(ReproduceSettings {
        analyze: analyze(&args.analyze)?,
        claims: args.claims.clone(),
    })
}

/// `merge`.
pub fn merge(args: &MergeArgs) -> Result<MergeSettings> {
    reads(&args.tallies);
    pictures(args.chart.as_ref(), args.html.as_ref())?;
    Ok(MergeSettings {
        tallies: args.tallies.clone(),
        format: output_format(args.format, args.output.as_deref())?,
        target: Target::new(args.output.clone(), args.raw_csv),
        pictures: PictureSettings {
            chart: args.chart.clone(),
            html: args.html.clone(),
            kwic_sample: 0,
            seed: 1,
            text: chart_text(&args.chart_text),
        },
    })
}

/// `lexicon test`.
pub fn lexicon_test(args: &LexiconTestArgs) -> TestSettings {
    reads(&args.lexicons);
    reads(&args.cases);
    TestSettings {
        lexicons: args.lexicons.clone(),
        cases: args.cases.clone(),
        junit: args.junit.clone(),
        verbose: args.verbose,
        target: Target::new(args.output.clone(), false),
    }
}

/// `lexicon lint`.
pub fn lexicon_lint(args: &LexiconLintArgs) -> Result<LintSettings> {
    reads(&args.lexicons);
    Ok(LintSettings {
        lexicons: args.lexicons.clone(),
        read: ReadOptions {
            format: None,
            columns: lexicon_columns(args.lexicon_columns.as_deref())?,
        },
        deny_warnings: args.deny_warnings,
        all: args.all,
        json: args.format == LintFormatArg::Json,
        target: Target::new(args.output.clone(), false),
    })
}

/// `lexicon diff`.
pub fn lexicon_diff(args: &LexiconDiffArgs) -> Result<DiffSettings> {
    if !args.input.lexicons.is_empty() {
        return Err(Error::Usage(
            "lexicon diff takes the two lexicons as OLD and NEW, not -l".into(),
        ));
    }
    reads([&args.old, &args.new]);
    Ok(DiffSettings {
        run: run(&args.input)?,
        old: args.old.clone(),
        new: args.new.clone(),
        limit: args.limit,
        quiet: args.input.quiet,
        format: list_format(args.format),
        target: Target::new(args.output.clone(), args.raw_csv),
    })
}

/// `lexicon show`.
pub fn lexicon_show(args: &LexiconShowArgs) -> Result<ShowSettings> {
    reads([&args.lexicon]);
    Ok(ShowSettings {
        lexicon: args.lexicon.clone(),
        read: ReadOptions {
            format: None,
            columns: lexicon_columns(args.lexicon_columns.as_deref())?,
        },
        target: Target::new(args.output.clone(), false),
    })
}

/// `lexicon convert`.
pub fn lexicon_convert(args: &LexiconConvertArgs) -> Result<ConvertSettings> {
    reads([&args.input]);
    Ok(ConvertSettings {
        input: args.input.clone(),
        read: ReadOptions {
            format: args.from.map(lexicon_format),
            columns: lexicon_columns(args.lexicon_columns.as_deref())?,
        },
        output: args.output.clone(),
        to: args.to.map(lexicon_format),
        quiet: args.quiet,
    })
}

/// `--lexicon-columns category=COL,term=COL[,weight=COL]`.
fn lexicon_columns(arg: Option<&str>) -> Result<Option<TableColumns>> {
    arg.map(|a| {
        a.parse()
            .map_err(|m| Error::Usage(format!("--lexicon-columns {a:?}: {m}")))
    })
    .transpose()
}

/// The lexicon format of a flag.
fn lexicon_format(arg: LexiconFormatArg) -> LexiconFormat {
    match arg {
        LexiconFormatArg::Toml => LexiconFormat::Native,
        LexiconFormatArg::Dic => LexiconFormat::Dic,
        LexiconFormatArg::Dicx => LexiconFormat::Dicx,
        LexiconFormatArg::Yaml => LexiconFormat::Yaml,
        LexiconFormatArg::Cat => LexiconFormat::Cat,
        LexiconFormatArg::Lc3 => LexiconFormat::Lc3,
        LexiconFormatArg::Tsv => LexiconFormat::List,
    }
}

fn list_format(arg: KwicFormatArg) -> ListFormat {
    match arg {
        KwicFormatArg::Table => ListFormat::Table,
        KwicFormatArg::Csv => ListFormat::Csv,
        KwicFormatArg::Json => ListFormat::Json,
    }
}

/// The output format: the flag, else the `-o` extension (`.csv`, `.json`,
/// `.md`, `.xlsx`, `.txt` or none for a table), else a table. An extension
/// lexiscope cannot write is a usage error that lists those it can: a
/// `.docx` or `.html` holding a text table would be a file its
/// application calls corrupt.
fn output_format(
    flag: Option<OutputFormatArg>,
    output: Option<&std::path::Path>,
) -> Result<OutputFormat> {
    if let Some(f) = flag {
        return Ok(match f {
            OutputFormatArg::Table => OutputFormat::Table,
            OutputFormatArg::Csv => OutputFormat::Csv,
            OutputFormatArg::Json => OutputFormat::Json,
            OutputFormatArg::Markdown => OutputFormat::Markdown,
            OutputFormatArg::Xlsx => {
                let to_stdout = output.is_none_or(|p| p == std::path::Path::new("-"));
                if to_stdout && std::io::IsTerminal::is_terminal(&std::io::stdout()) {
                    return Err(Error::Usage(
                        "-f xlsx: a workbook is binary; give -o FILE.xlsx".into(),
                    ));
                }
                OutputFormat::Xlsx
            }
        });
    }
    let Some(path) = output.filter(|p| !is_read(p)) else {
        // (An output that is an input is refused when it is opened.)
        return Ok(OutputFormat::Table);
    };
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase());
    match ext.as_deref() {
        None | Some("txt") => Ok(OutputFormat::Table),
        Some("csv") => Ok(OutputFormat::Csv),
        Some("json") => Ok(OutputFormat::Json),
        Some("md" | "markdown") => Ok(OutputFormat::Markdown),
        Some("xlsx") => Ok(OutputFormat::Xlsx),
        Some(other) => {
            let hint = match other {
                "html" | "htm" => "\nhint: --html FILE.html writes the HTML report",
                "svg" => "\nhint: --chart FILE.svg writes the chart",
                "xls" | "ods" => "\nhint: -o FILE.xlsx writes a workbook any spreadsheet opens",
                _ => "",
            };
            Err(Error::Usage(format!(
                "-o {}: lexiscope cannot write .{other} files; it writes .csv, .json, .md, .xlsx and .txt (the table), or any file name with -f FORMAT{hint}",
                path.display()
            )))
        }
    }
}

/// `--chart` and `--html` paths: a chart is SVG or PNG (by its extension)
/// and a report HTML, so a name that says otherwise (`chart.pdf`) is a
/// usage error.
fn pictures(chart: Option<&PathBuf>, html: Option<&PathBuf>) -> Result<()> {
    let ext = |p: &PathBuf| p.extension().map(|e| e.to_string_lossy().to_lowercase());
    let named = |p: &&PathBuf| !is_read(p);
    if let Some(p) = chart
        .filter(named)
        .filter(|p| ext(p).is_some_and(|e| e != "svg" && e != "png"))
    {
        return Err(Error::Usage(format!(
            "--chart {}: charts are written as SVG or PNG; give a name that ends in .svg or .png",
            p.display()
        )));
    }
    if let Some(p) = html
        .filter(named)
        .filter(|p| ext(p).is_some_and(|e| e != "html" && e != "htm"))
    {
        return Err(Error::Usage(format!(
            "--html {}: the report is written as HTML; give a name that ends in .html",
            p.display()
        )));
    }
    Ok(())
}

/// A bar of a gate on an F1: a number from 0 to 1 (NaN, which no
/// comparison fails, would turn the gate off).
fn unit_bar(flag: &str, x: f64) -> Result<f64> {
    if (0.0..=1.0).contains(&x) {
        Ok(x)
    } else {
        Err(Error::Usage(format!(
            "{flag} {x}: expected a number from 0 to 1"
        )))
    }
}

/// `--min-f1 X` and `--min-f1 CATEGORY=X`.
fn min_f1(values: &[String]) -> Result<MinF1> {
    let mut bars = MinF1::default();
    for v in values {
        let (category, x) = match v.rsplit_once('=') {
            Some((c, x)) => (Some(c.trim().to_string()), x),
            None => (None, v.as_str()),
        };
        let x = x
            .trim()
            .parse()
            .ok()
            .and_then(|x| unit_bar("--min-f1", x).ok())
            .ok_or_else(|| {
                Error::Usage(format!(
                    "--min-f1 {v:?}: expected X or CATEGORY=X with X a number from 0 to 1"
                ))
            })?;
        match category {
            Some(c) => bars.by_category.push((c, x)),
            None => bars.all = Some(x),
        }
    }
    Ok(bars)
}
