//! Pictures (issue 8): the SVG charts of `analyze --chart` (bars with
//! whiskers, panels with --by, lines with --every) and the self-contained
//! HTML report of `analyze --html` and `reproduce --html`.

use roxmltree::{Document, Node, ParsingOptions};

use crate::util::*;

/// Run `analyze` with `args` plus `--chart chart.svg`, return the JSON
/// report (stdout) and the SVG.
fn analyze_chart(env: &TestEnv, args: &[&str]) -> (serde_json::Value, String) {
    let svg = env.path("chart.svg");
    let r = json_report(
        env.cmd()
            .arg("analyze")
            .args(args)
            .args(["--chart", s(&svg)]),
    );
    (r, std::fs::read_to_string(svg).expect("chart written"))
}

fn parse(xml: &str) -> Document<'_> {
    Document::parse_with_options(
        xml,
        ParsingOptions {
            allow_dtd: true,
            ..ParsingOptions::default()
        },
    )
    .unwrap_or_else(|e| panic!("not well-formed XML: {e}"))
}

fn has_class(n: &Node, class: &str) -> bool {
    n.attribute("class")
        .is_some_and(|c| c.split_whitespace().any(|k| k == class))
}

fn with_class<'a, 'i>(root: Node<'a, 'i>, class: &str) -> Vec<Node<'a, 'i>> {
    root.descendants().filter(|n| has_class(n, class)).collect()
}

fn f(n: &Node, attr: &str) -> f64 {
    n.attribute(attr)
        .unwrap_or_else(|| panic!("no {attr} on {n:?}"))
        .parse()
        .unwrap()
}

/// The x scale of the panel `n` belongs to: from its axis group.
fn x_scale(axis: &Node) -> impl Fn(f64) -> f64 + use<> {
    let (d0, d1, r0, r1) = (
        f(axis, "data-min"),
        f(axis, "data-max"),
        f(axis, "data-x0"),
        f(axis, "data-x1"),
    );
    move |v| r0 + (v - d0) / (d1 - d0) * (r1 - r0)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 0.006
}

/// Category rows of a JSON report (or group) without `_any`.
fn rows(v: &serde_json::Value) -> Vec<&serde_json::Value> {
    v["categories"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["id"] != "_any")
        .collect()
}

#[test]
fn bar_chart_has_one_bar_and_whisker_per_category_on_the_axis_scale() {
    let env = TestEnv::new();
    let (r, svg) = analyze_chart(&env, &[s(&data("posts.csv")), "-l", &mini()]);
    let doc = parse(&svg);
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("role"), Some("img"));
    assert!(root.children().any(|n| n.has_tag_name("title")));
    let axis = with_class(root, "axis");
    assert_eq!(axis.len(), 1);
    let x = x_scale(&axis[0]);
    let bars = with_class(root, "bar");
    let cats = rows(&r);
    assert_eq!(bars.len(), cats.len(), "one bar per category");
    let mut last_share = f64::INFINITY;
    let mut last_y = f64::NEG_INFINITY;
    for bar in &bars {
        let id = bar.attribute("data-category").unwrap();
        let c = cats.iter().find(|c| c["id"] == id).expect("known category");
        let share = c["share"].as_f64().unwrap();
        // Sorted by share, largest on top.
        assert!(share <= last_share && f(bar, "y") > last_y);
        (last_share, last_y) = (share, f(bar, "y"));
        assert!(close(f(bar, "x"), x(0.0)));
        assert!(close(f(bar, "x") + f(bar, "width"), x(share)), "{id}");
        let title = bar.children().find(|n| n.has_tag_name("title")).unwrap();
        assert!(title.text().unwrap().contains('%'));
        let whiskers: Vec<Node> = with_class(root, "whisker")
            .into_iter()
            .filter(|w| w.attribute("data-category") == Some(id))
            .collect();
        assert_eq!(whiskers.len(), 1, "one whisker for {id}");
        let w = &whiskers[0];
        let (lo, hi) = (
            c["ci_low"].as_f64().unwrap(),
            c["ci_high"].as_f64().unwrap(),
        );
        assert!(close(f(w, "data-low"), lo) && close(f(w, "data-high"), hi));
        assert!(
            close(f(w, "x1"), x(lo)),
            "{id}: {} vs {}",
            f(w, "x1"),
            x(lo)
        );
        assert!(
            close(f(w, "x2"), x(hi)),
            "{id}: {} vs {}",
            f(w, "x2"),
            x(hi)
        );
        assert!(
            f(w, "x2") <= f(&axis[0], "data-x1") + 0.01,
            "inside the axis"
        );
    }
    let caption: String = with_class(root, "caption")[0]
        .descendants()
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join(" ");
    for needle in ["13 posts analyzed", "posts.csv", "mini 0.1.0", "Wilson"] {
        assert!(
            caption.contains(needle),
            "caption lacks {needle:?}: {caption}"
        );
    }
}

/// A corpus with pages, dates and hostile text.
fn hostile_corpus(env: &TestEnv) -> std::path::PathBuf {
    env.write(
        "hostile.csv",
        "id,text,page,date\n\
         1,<script>alert('x')</script> traigo mi cuerno de chivo,A,2021-01-05\n\
         2,\"\"\"><img src=x onerror=alert(1)> el CJNG ya llegó\",A,2021-02-06\n\
         3,vamos por ti &amp; los zetas,B,2021-02-07\n\
         4,buenos días,B,2021-03-01\n\
         5,otra arma más,C,2021-03-02\n\
         6,nada,C,2021-03-03\n",
    )
}

#[test]
fn by_chart_has_one_panel_of_bars_per_group_on_one_scale() {
    let env = TestEnv::new();
    let corpus = hostile_corpus(&env);
    let (r, svg) = analyze_chart(&env, &[s(&corpus), "-l", &mini(), "--by", "page"]);
    let doc = parse(&svg);
    let root = doc.root_element();
    let panels = with_class(root, "panel");
    let groups = r["groups"].as_array().unwrap();
    assert_eq!(panels.len(), groups.len());
    let scales: Vec<String> = with_class(root, "axis")
        .iter()
        .map(|a| format!("{:?}", a.attribute("data-max")))
        .collect();
    assert!(scales.windows(2).all(|w| w[0] == w[1]), "one scale");
    for (panel, g) in panels.iter().zip(groups) {
        let x = x_scale(&with_class(*panel, "axis")[0]);
        let bars = with_class(*panel, "bar");
        assert_eq!(bars.len(), rows(g).len(), "one bar per category per panel");
        for c in rows(g) {
            let w = with_class(*panel, "whisker")
                .into_iter()
                .find(|w| w.attribute("data-category") == c["id"].as_str())
                .unwrap();
            assert!(close(f(&w, "x1"), x(c["ci_low"].as_f64().unwrap())));
            assert!(close(f(&w, "x2"), x(c["ci_high"].as_f64().unwrap())));
        }
    }
    // The order of categories is the same in every panel.
    let order = |p: &Node| -> Vec<String> {
        with_class(*p, "bar")
            .iter()
            .map(|b| b.attribute("data-category").unwrap().to_string())
            .collect()
    };
    assert!(panels.windows(2).all(|w| order(&w[0]) == order(&w[1])));
}

#[test]
fn every_chart_draws_a_line_band_and_points_per_category() {
    let env = TestEnv::new();
    let (r, svg) = analyze_chart(
        &env,
        &[
            s(&data("posts.csv")),
            "-l",
            &mini(),
            "--every",
            "month",
            "--date",
            "date",
        ],
    );
    let doc = parse(&svg);
    let root = doc.root_element();
    let groups = r["groups"].as_array().unwrap();
    // Small multiples: a panel per category, one band each, on one scale.
    let panels = with_class(root, "panel");
    assert_eq!(panels.len(), rows(&r).len(), "a panel per category");
    let maxes: Vec<f64> = panels
        .iter()
        .map(|p| f(&with_class(*p, "axis")[0], "data-max"))
        .collect();
    assert!(
        maxes.windows(2).all(|w| w[0] == w[1]),
        "one shared scale: {maxes:?}"
    );
    for c in rows(&r) {
        let id = c["id"].as_str().unwrap();
        let panel = panels
            .iter()
            .find(|p| {
                !with_class(**p, "line").is_empty()
                    && with_class(**p, "line")[0].attribute("data-category") == Some(id)
            })
            .expect("the category's panel");
        let axis = &with_class(*panel, "axis")[0];
        let (d1, y0, y1) = (f(axis, "data-max"), f(axis, "data-y0"), f(axis, "data-y1"));
        let y = |v: f64| y0 + v / d1 * (y1 - y0);
        let of = |class: &str| -> Vec<Node> {
            with_class(root, class)
                .into_iter()
                .filter(|n| n.attribute("data-category") == Some(id))
                .collect()
        };
        assert_eq!(of("line").len(), 1, "{id}: one unbroken line");
        assert_eq!(of("band").len(), 1, "{id}: one band");
        let points = of("point");
        assert_eq!(points.len(), groups.len(), "{id}: a point per month");
        for (p, g) in points.iter().zip(groups) {
            assert_eq!(p.attribute("data-period"), g["keys"]["month"].as_str());
            let row = rows(g).into_iter().find(|k| k["id"] == id).unwrap();
            let share = row["share"].as_f64().unwrap();
            assert!(close(f(p, "data-share"), share));
            assert!(close(f(p, "cy"), y(share)));
            assert!(f(p, "data-low") <= share && share <= f(p, "data-high"));
        }
    }
    assert!(svg.contains("Share of posts per category, by month"));
}

#[test]
fn every_with_by_draws_one_panel_of_lines_per_group() {
    let env = TestEnv::new();
    let corpus = hostile_corpus(&env);
    let (_, svg) = analyze_chart(
        &env,
        &[
            s(&corpus),
            "-l",
            &mini(),
            "--by",
            "page",
            "--every",
            "month",
            "--date",
            "date",
        ],
    );
    let doc = parse(&svg);
    let panels = with_class(doc.root_element(), "panel");
    assert_eq!(panels.len(), 3);
    assert_eq!(panels[0].attribute("data-group"), Some("page: A"));
}

/// Every `src`/`href` of an HTML document.
fn links<'a>(doc: &'a Document) -> Vec<&'a str> {
    doc.descendants()
        .flat_map(|n| n.attributes())
        .filter(|a| matches!(a.name(), "src" | "href"))
        .map(|a| a.value())
        .collect()
}

#[test]
fn html_report_is_self_contained_and_escapes_posts_and_lexicons() {
    let env = TestEnv::new();
    let corpus = hostile_corpus(&env);
    let lexicon = std::fs::read_to_string(data("mini.toml")).unwrap().replace(
        "label = \"Weapons\"",
        "label = \"<b onmouseover=x>Weapons</b>\"",
    );
    let lexicon = env.write("hostile.toml", lexicon);
    let page = env.path("report.html");
    let r = json_report(env.cmd().args([
        "analyze",
        s(&corpus),
        "-l",
        s(&lexicon),
        "--html",
        s(&page),
        "--kwic-sample",
        "2",
    ]));
    let html = std::fs::read_to_string(&page).unwrap();
    let doc = parse(&html);
    // Sections.
    for id in ["shares", "charts", "samples", "provenance"] {
        assert!(
            doc.descendants().any(|n| n.attribute("id") == Some(id)),
            "no section {id}"
        );
    }
    assert!(doc.descendants().any(|n| n.has_tag_name("svg")));
    assert!(with_class(doc.root_element(), "bar").len() == 3);
    // No network, no script.
    for link in links(&doc) {
        assert!(
            !link.contains("http://") && !link.contains("https://") && !link.starts_with("//"),
            "external link {link}"
        );
    }
    for tag in ["script", "img", "b", "link", "iframe"] {
        assert!(
            !doc.descendants().any(|n| n.has_tag_name(tag)),
            "a <{tag}> element got through"
        );
    }
    assert!(!doc.descendants().any(|n| n.attribute("onerror").is_some()));
    assert!(
        !doc.descendants()
            .any(|n| n.attribute("onmouseover").is_some())
    );
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("&lt;b onmouseover=x&gt;Weapons&lt;/b&gt;"));
    // The text of the page shows the post as written.
    let text: String = doc.descendants().filter_map(|n| n.text()).collect();
    assert!(text.contains("<script>alert('x')</script>"));
    // KWIC samples: at most 2 per category, each line a match of its category.
    let tables: Vec<Node> = with_class(doc.root_element(), "kwic")
        .into_iter()
        .filter(|n| n.has_tag_name("table"))
        .collect();
    assert!(!tables.is_empty());
    for t in &tables {
        let n = t.descendants().filter(|n| n.has_tag_name("tr")).count() - 1;
        assert!((1..=2).contains(&n), "{n} sample lines");
    }
    // Provenance: version, lexicon and input hashes.
    let lex_sha = r["provenance"]["lexicons"][0]["sha256"].as_str().unwrap();
    let in_sha = r["provenance"]["inputs"][0]["sha256"].as_str().unwrap();
    let bytes = r["provenance"]["inputs"][0]["bytes"].as_u64().unwrap();
    assert!(html.contains(lex_sha) && html.contains(in_sha));
    assert!(html.contains(&bytes.to_string()));
    assert!(html.contains(r["provenance"]["tool_version"].as_str().unwrap()));
}

#[test]
fn html_samples_are_reproducible_with_the_seed() {
    let env = TestEnv::new();
    let run = |seed: &str, name: &str| {
        let page = env.path(name);
        env.cmd()
            .args([
                "analyze",
                s(&data("posts.csv")),
                "-l",
                &mini(),
                "-q",
                "--html",
                s(&page),
                "--kwic-sample",
                "1",
                "--seed",
                seed,
                "-j",
                if name == "a.html" { "1" } else { "2" },
            ])
            .assert()
            .success();
        // The page says when and by which command line it was made: the
        // rest is the same.
        let page = std::fs::read_to_string(page).unwrap();
        assert!(
            page.contains("<pre class=\"command\">lexiscope analyze "),
            "{page}"
        );
        page.lines()
            .filter(|l| {
                !l.contains("class=\"note run\"")
                    && !l.starts_with("<p>Run: ")
                    && !l.starts_with("<pre class=\"command\">")
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let a = run("7", "a.html");
    let b = run("7", "b.html");
    assert_eq!(a, b, "same seed, same page, whatever the threads");
}

#[test]
fn html_from_stdin_says_why_there_are_no_samples() {
    let env = TestEnv::new();
    let page = env.path("r.html");
    env.cmd()
        .args(["analyze", "-", "-l", &mini(), "-q", "--html", s(&page)])
        .write_stdin(std::fs::read(data("posts.csv")).unwrap())
        .assert()
        .success();
    let html = std::fs::read_to_string(page).unwrap();
    parse(&html);
    assert!(html.contains("standard input cannot be read a second time"));
}

#[test]
fn reproduce_html_has_claimed_vs_measured_with_verdicts() {
    let env = TestEnv::new();
    let claims = env.write(
        "claims.toml",
        "[source]\ntitle = \"A <i>report</i>\"\nurl = \"https://example.org/report\"\n\n\
         [[claim]]\ncategory = \"weapons\"\npercent = 30\nstatement = \"30% show <weapons>\"\n\n\
         [[claim]]\ncategory = \"threats\"\npercent = 90\nstatement = \"90% are threats\"\n",
    );
    let page = env.path("claims.html");
    env.cmd()
        .args([
            "reproduce",
            s(&claims),
            s(&data("posts.csv")),
            "-l",
            &mini(),
            "-q",
            "--html",
            s(&page),
        ])
        .assert()
        .code(1);
    let html = std::fs::read_to_string(page).unwrap();
    let doc = parse(&html);
    let section = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("claims"))
        .expect("claims section");
    let verdicts: Vec<&str> = with_class(section, "verdict")
        .iter()
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(verdicts, ["consistent", "NOT consistent"]);
    assert!(html.contains("30% show &lt;weapons&gt;"));
    assert!(links(&doc).is_empty(), "the source address is not a link");
    for id in ["shares", "charts", "samples", "provenance"] {
        assert!(doc.descendants().any(|n| n.attribute("id") == Some(id)));
    }
    // The claims file names no publisher or date: the page says so.
    assert!(
        html.contains("does not give the publication&#39;s publisher or date"),
        "{html}"
    );
    // When and how the page was made (SOURCE_DATE_EPOCH fixes the date).
    env.cmd()
        .env("SOURCE_DATE_EPOCH", "1764547200")
        .args([
            "reproduce",
            s(&claims),
            s(&data("posts.csv")),
            "-l",
            &mini(),
            "-q",
            "--html",
        ])
        .arg(env.path("again.html"))
        .assert()
        .code(1);
    let again = std::fs::read_to_string(env.path("again.html")).unwrap();
    assert!(
        again.contains("Made 2025-12-01 00:00:00 UTC by <code>lexiscope reproduce "),
        "{again}"
    );
    assert!(
        again.contains("<pre class=\"command\">lexiscope reproduce "),
        "{again}"
    );
    // With publisher, date and address, the warning goes.
    let full = env.write(
        "full.toml",
        "[source]\ntitle = \"R\"\npublisher = \"P\"\ndate = \"2021-05-01\"\nurl = \"https://example.org/r\"\n\n\
         [[claim]]\ncategory = \"weapons\"\npercent = 30\nstatement = \"30%\"\n",
    );
    env.cmd()
        .args([
            "reproduce",
            s(&full),
            s(&data("posts.csv")),
            "-l",
            &mini(),
            "-q",
            "--html",
        ])
        .arg(env.path("full.html"))
        .assert()
        .success();
    let full = std::fs::read_to_string(env.path("full.html")).unwrap();
    assert!(
        full.contains("Source: R · P · 2021-05-01 · https://example.org/r"),
        "{full}"
    );
    assert!(!full.contains("does not give"), "{full}");
}

#[test]
fn terminal_table_has_bars_and_sparklines() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "analyze",
            s(&data("posts.csv")),
            "-l",
            &mini(),
            "-q",
            "--every",
            "month",
            "--date",
            "date",
        ])
        .assert()
        .success();
    let table = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(table.contains("████"), "bar column");
    let spark = table
        .lines()
        .find(|l| l.trim_start().starts_with("weapons ") && l.contains('▁'))
        .expect("a sparkline for weapons");
    assert_eq!(
        spark
            .matches(['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'])
            .count(),
        5
    );
}

/// Every coordinate of `svg` inside its canvas.
fn inside_canvas(doc: &Document) {
    let root = doc.root_element();
    let (w, h) = (f(&root, "width"), f(&root, "height"));
    for n in root.descendants().filter(|n| n.is_element()) {
        for (attr, limit) in [
            ("x", w),
            ("x1", w),
            ("x2", w),
            ("cx", w),
            ("y", h),
            ("y1", h),
            ("y2", h),
            ("cy", h),
        ] {
            if let Some(v) = n.attribute(attr).and_then(|v| v.parse::<f64>().ok()) {
                assert!(
                    (0.0..=limit).contains(&v),
                    "{attr}={v} outside 0..{limit}: {n:?}"
                );
            }
        }
        if let Some(points) = n.attribute("points") {
            for xy in points.split_whitespace() {
                let (x, y) = xy.split_once(',').unwrap();
                let (x, y): (f64, f64) = (x.parse().unwrap(), y.parse().unwrap());
                assert!(
                    (0.0..=w).contains(&x) && (0.0..=h).contains(&y),
                    "{xy} outside the canvas"
                );
            }
        }
        // Text that would run past the right edge (an estimate of the
        // face's advance, as the charts use).
        if (n.has_tag_name("text") || n.has_tag_name("tspan"))
            && let (Some(x), Some(t)) = (n.attribute("x"), n.text())
        {
            let x: f64 = x.parse().unwrap();
            let size = n
                .ancestors()
                .find_map(|a| a.attribute("font-size"))
                .map_or(13.0, |s| s.parse().unwrap());
            let width = t.chars().count() as f64 * size * 0.5;
            let right = match n.attribute("text-anchor") {
                Some("end") => x,
                Some("middle") => x + width / 2.0,
                _ => x + width,
            };
            assert!(right <= w + 1.0, "text past the right edge: {t:?} at x={x}");
        }
    }
}

#[test]
fn month_by_type_draws_readable_small_multiples() {
    let env = TestEnv::new();
    let example =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/cartel-posts.csv");
    let (r, svg) = analyze_chart(&env, &[s(&example), "--every", "month", "--by", "Type"]);
    let doc = parse(&svg);
    inside_canvas(&doc);
    let root = doc.root_element();
    let panels = with_class(root, "panel");
    let types: std::collections::BTreeSet<&str> = r["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["keys"]["Type"].as_str().unwrap())
        .collect();
    assert_eq!(panels.len(), types.len(), "a panel per type");
    let palette = lexiscope::report::chart::PALETTE;
    for panel in &panels {
        let series = with_class(*panel, "series");
        assert!(
            series.len() <= lexiscope::report::chart::MAX_SERIES,
            "at most five lines"
        );
        // Every line labelled at its end, in its colour.
        for line in with_class(*panel, "line") {
            let cat = line.attribute("data-category").unwrap();
            let colour = line.attribute("stroke").unwrap();
            assert!(
                palette.contains(&colour),
                "{colour}: a colour with 3:1 contrast on white"
            );
            assert!(
                with_class(*panel, "end-label")
                    .iter()
                    .any(|l| l.attribute("data-category") == Some(cat)
                        && l.attribute("fill") == Some(colour)),
                "{cat} is labelled"
            );
        }
        // Bands never stack: one series a panel has them, and light.
        let banded: std::collections::BTreeSet<&str> = with_class(*panel, "band")
            .iter()
            .map(|b| b.attribute("data-category").unwrap())
            .collect();
        assert!(banded.len() <= 1, "bands of one series only: {banded:?}");
        for b in with_class(*panel, "band") {
            assert!(f(&b, "fill-opacity") <= 0.2);
        }
    }
    // The last month holds one day of posts: it is partial, and drawn so.
    assert_eq!(r["partial_periods"], serde_json::json!(["2022-01"]));
    assert_eq!(r["dates"]["last"], "2022-01-01");
    let hollow = with_class(root, "point")
        .into_iter()
        .filter(|p| p.attribute("data-partial") == Some("true"))
        .count();
    assert!(
        hollow > 0 && svg.contains("2022-01*"),
        "the partial month is marked"
    );
    assert!(svg.contains("the partial period 2022-01"));
}

#[test]
fn a_long_title_wraps_and_the_source_and_note_are_in_the_caption() {
    let env = TestEnv::new();
    let title = "Un título muy largo que no cabe en una sola línea del gráfico y que antes se cortaba en el borde derecho";
    let (_, svg) = analyze_chart(
        &env,
        &[
            s(&data("posts.csv")),
            "-l",
            &mini(),
            "--title",
            title,
            "--subtitle",
            "Publicaciones de 2021",
            "--source",
            "CrowdTangle",
            "--note",
            "Datos de prueba",
        ],
    );
    let doc = parse(&svg);
    inside_canvas(&doc);
    let heading = &with_class(doc.root_element(), "title")[0];
    let lines: Vec<&str> = heading
        .children()
        .filter(|t| t.has_tag_name("tspan"))
        .filter_map(|t| t.text())
        .collect();
    assert!(lines.len() > 1, "wrapped: {lines:?}");
    assert_eq!(lines.join(" "), title);
    assert!(svg.contains("Publicaciones de 2021"));
    assert!(svg.contains("Source: CrowdTangle. Note: Datos de prueba. Corpus: posts.csv."));
}
