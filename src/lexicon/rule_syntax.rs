//! Rule categories: a category defined by a rule over other categories and
//! quoted terms instead of by a word list, in the spirit of WordStat's
//! proximity rules (Provalis Research, *WordStat 10 User's Guide*, "Rules").
//!
//! ```text
//! rule     := or
//! or       := and ("OR" and)*
//! and      := window (("AND" | "AND NOT" | "NOT") ["/s"] window)*
//! window   := atom (["NOT"] ("NEAR" | "BEFORE" | "AFTER") "/" n ["/s"] atom)*
//! atom     := category-id | "quoted term" | "(" or ")"
//! ```
//!
//! Operators are upper case; anything else that is not a quoted term or a
//! parenthesis is a category id of the same lexicon. Window operators bind
//! tighter than `AND`, which binds tighter than `OR`; each level is
//! left-associative. `/n` counts the words (tokens, emoji included) allowed
//! *between* the two sides, so `NEAR/0` means adjacent; `/s` restricts an
//! operator to one sentence (the default scope is the post). The meaning of
//! each operator, over the hit positions of a post, is in
//! `matcher::rule_eval`; this module only reads and checks the text
//! (hence the two names: rule *syntax* here, rule *evaluation* there).

use crate::error::{Error, Result};

/// Largest window a rule may ask for.
pub const MAX_WINDOW: u32 = 10_000;

/// Most operands (category ids and quoted terms) in one rule: longer rules
/// are refused with a hint to split them, which also bounds the depth of
/// the evaluation.
pub const MAX_OPERANDS: usize = 256;

/// Deepest nesting of parentheses in one rule.
pub const MAX_DEPTH: usize = 32;

/// How two sides of a window operator must be placed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// Either order.
    Near,
    /// The left side ends before the right side starts.
    Before,
    /// The left side starts after the right side ends.
    After,
}

impl Placement {
    /// The operator's name as written.
    pub fn name(self) -> &'static str {
        match self {
            Placement::Near => "NEAR",
            Placement::Before => "BEFORE",
            Placement::After => "AFTER",
        }
    }
}

/// A parsed rule.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// Hits of a category, by id.
    Category(String),
    /// Every occurrence of a quoted term (wildcards allowed).
    Term(String),
    /// Hits of either side.
    Or(Box<Expr>, Box<Expr>),
    /// `AND`: hits of both sides when both have one (in the same sentence
    /// with `/s`); `AND NOT`: hits of the left side when the right side has
    /// none (in that sentence with `/s`).
    And {
        /// Left side.
        left: Box<Expr>,
        /// Right side.
        right: Box<Expr>,
        /// `AND NOT`.
        negate: bool,
        /// `/s`.
        sentence: bool,
    },
    /// `NEAR/n`, `BEFORE/n`, `AFTER/n`: left hits with a right hit placed
    /// so, at most `n` words between them; negated, the left hits without
    /// one.
    Window {
        /// Left side.
        left: Box<Expr>,
        /// Right side.
        right: Box<Expr>,
        /// Placement.
        placement: Placement,
        /// Words allowed between the sides.
        n: u32,
        /// `NOT NEAR/n` and friends.
        negate: bool,
        /// `/s`.
        sentence: bool,
    },
}

impl Expr {
    /// The category ids the rule names, in order of appearance.
    pub fn categories(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.walk(&mut |e| {
            if let Expr::Category(id) = e {
                out.push(id.as_str());
            }
        });
        out
    }

    /// Visit every node, parents first.
    pub fn walk<'a>(&'a self, f: &mut impl FnMut(&'a Expr)) {
        f(self);
        match self {
            Expr::Category(_) | Expr::Term(_) => {}
            Expr::Or(l, r) => {
                l.walk(f);
                r.walk(f);
            }
            Expr::And { left, right, .. } | Expr::Window { left, right, .. } => {
                left.walk(f);
                right.walk(f);
            }
        }
    }
}

/// A lexical token of a rule, with its 1-based column.
#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Open,
    Close,
    Word(String),
    Quoted(String),
}

fn lex(rule: &str) -> std::result::Result<Vec<(Tok, usize)>, String> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = rule.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        let col = i + 1;
        match c {
            c if c.is_whitespace() => i += 1,
            '(' => {
                out.push((Tok::Open, col));
                i += 1;
            }
            ')' => {
                out.push((Tok::Close, col));
                i += 1;
            }
            '"' => {
                let mut term = String::new();
                i += 1;
                loop {
                    match chars.get(i) {
                        None => return Err(format!("column {col}: unclosed quote")),
                        Some((_, '"')) => break,
                        Some((_, '\\')) if chars.get(i + 1).is_some_and(|(_, c)| *c == '"') => {
                            term.push('"');
                            i += 2;
                        }
                        Some((_, c)) => {
                            term.push(*c);
                            i += 1;
                        }
                    }
                }
                i += 1;
                if term.trim().is_empty() {
                    return Err(format!("column {col}: empty quoted term"));
                }
                out.push((Tok::Quoted(term), col));
            }
            _ => {
                let mut word = String::new();
                while let Some(&(_, c)) = chars.get(i) {
                    if c.is_whitespace() || matches!(c, '(' | ')' | '"') {
                        break;
                    }
                    word.push(c);
                    i += 1;
                }
                out.push((Tok::Word(word), col));
            }
        }
    }
    Ok(out)
}

/// An operator word split into its name and `/…` suffixes, if it is one.
struct OpWord<'a> {
    name: &'a str,
    n: Option<&'a str>,
    sentence: bool,
}

fn op_word(word: &str) -> Option<std::result::Result<OpWord<'_>, String>> {
    let mut parts = word.split('/');
    let name = parts.next()?;
    if !matches!(name, "AND" | "OR" | "NOT" | "NEAR" | "BEFORE" | "AFTER") {
        return None;
    }
    let rest: Vec<&str> = parts.collect();
    let windowed = matches!(name, "NEAR" | "BEFORE" | "AFTER");
    let (n, scope): (Option<&str>, &[&str]) = if windowed {
        match rest.split_first() {
            Some((n, scope)) => (Some(*n), scope),
            None => {
                return Some(Err(format!(
                    "{name} needs a window: write {name}/n, e.g. {name}/5"
                )));
            }
        }
    } else {
        (None, &rest[..])
    };
    let sentence = match scope {
        [] => false,
        ["s"] if name != "OR" => true,
        _ => {
            return Some(Err(format!(
                "{word:?}: unknown operator suffix (the scope suffix is /s, and OR takes none)"
            )));
        }
    };
    Some(Ok(OpWord { name, n, sentence }))
}

struct Parser {
    toks: Vec<(Tok, usize)>,
    pos: usize,
    end_col: usize,
    depth: usize,
}

type PResult<T> = std::result::Result<T, String>;

impl Parser {
    fn peek_op(&self) -> Option<PResult<OpWord<'_>>> {
        match self.toks.get(self.pos) {
            Some((Tok::Word(w), col)) => {
                op_word(w).map(|op| op.map_err(|e| format!("column {col}: {e}")))
            }
            _ => None,
        }
    }

    fn col(&self) -> usize {
        self.toks.get(self.pos).map_or(self.end_col, |(_, c)| *c)
    }

    fn or(&mut self) -> PResult<Expr> {
        let mut left = self.and()?;
        while let Some(op) = self.peek_op() {
            if op?.name != "OR" {
                break;
            }
            self.pos += 1;
            let right = self.and()?;
            left = Expr::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn and(&mut self) -> PResult<Expr> {
        let mut left = self.window()?;
        while let Some(op) = self.peek_op() {
            let op = op?;
            let (negate, sentence) = match op.name {
                "AND" => {
                    let mut sentence = op.sentence;
                    self.pos += 1;
                    let negate = match self.peek_op() {
                        Some(Ok(next)) if next.name == "NOT" => {
                            sentence |= next.sentence;
                            self.pos += 1;
                            true
                        }
                        _ => false,
                    };
                    (negate, sentence)
                }
                "NOT" => {
                    let sentence = op.sentence;
                    self.pos += 1;
                    (true, sentence)
                }
                _ => break,
            };
            let right = self.window()?;
            left = Expr::And {
                left: Box::new(left),
                right: Box::new(right),
                negate,
                sentence,
            };
        }
        Ok(left)
    }

    fn window(&mut self) -> PResult<Expr> {
        let mut left = self.atom()?;
        loop {
            let start = self.pos;
            let mut negate = false;
            if let Some(Ok(op)) = self.peek_op()
                && op.name == "NOT"
                && !op.sentence
            {
                // NOT NEAR/n …, or the NOT of `A NOT B` (handled by and()).
                match self.toks.get(self.pos + 1) {
                    Some((Tok::Word(w), _)) if matches!(op_word(w), Some(Ok(ref o)) if matches!(o.name, "NEAR" | "BEFORE" | "AFTER")) =>
                    {
                        negate = true;
                        self.pos += 1;
                    }
                    _ => break,
                }
            }
            let Some(op) = self.peek_op() else {
                self.pos = start;
                break;
            };
            let op = op?;
            let placement = match op.name {
                "NEAR" => Placement::Near,
                "BEFORE" => Placement::Before,
                "AFTER" => Placement::After,
                _ => {
                    self.pos = start;
                    break;
                }
            };
            let col = self.col();
            let raw = op.n.expect("window operators always carry /n");
            let n: u32 = raw
                .parse()
                .ok()
                .filter(|n| *n <= MAX_WINDOW)
                .ok_or_else(|| {
                    format!(
                        "column {col}: {}/{raw}: the window must be a whole number of words from 0 to {MAX_WINDOW}",
                        placement.name()
                    )
                })?;
            let sentence = op.sentence;
            self.pos += 1;
            let right = self.atom()?;
            left = Expr::Window {
                left: Box::new(left),
                right: Box::new(right),
                placement,
                n,
                negate,
                sentence,
            };
        }
        Ok(left)
    }

    fn atom(&mut self) -> PResult<Expr> {
        let col = self.col();
        let Some((tok, _)) = self.toks.get(self.pos).cloned() else {
            return Err(format!(
                "column {col}: the rule ends where a category, a quoted term or `(` should come"
            ));
        };
        self.pos += 1;
        match tok {
            Tok::Open => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(format!(
                        "column {col}: parentheses nested more than {MAX_DEPTH} deep"
                    ));
                }
                let inner = self.or()?;
                self.depth -= 1;
                match self.toks.get(self.pos) {
                    Some((Tok::Close, _)) => {
                        self.pos += 1;
                        Ok(inner)
                    }
                    _ => Err(format!("column {col}: `(` is never closed")),
                }
            }
            Tok::Close => Err(format!(
                "column {col}: `)` where a category, a quoted term or `(` should come"
            )),
            Tok::Quoted(term) => Ok(Expr::Term(term)),
            Tok::Word(w) => match op_word(&w) {
                Some(_) if w == "NOT" => Err(format!(
                    "column {col}: NOT needs something to negate against: write `A AND NOT B` \
                     (a rule cannot flag posts for what they lack)"
                )),
                Some(_) => Err(format!(
                    "column {col}: operator {w} where a category, a quoted term or `(` should come"
                )),
                None => Ok(Expr::Category(w)),
            },
        }
    }
}

/// `near/5` → `NEAR/5`: a word that is an operator once upper-cased.
fn upper_case_operator(word: &str) -> Option<String> {
    let upper = word.to_uppercase();
    (upper != word && op_word(&upper).is_some_and(|op| op.is_ok())).then_some(upper)
}

/// Parse a rule; an error says where (`column N: …`).
pub fn parse(rule: &str) -> std::result::Result<Expr, String> {
    let toks = lex(rule)?;
    let operands = toks
        .iter()
        .filter(|(t, _)| match t {
            Tok::Quoted(_) => true,
            Tok::Word(w) => op_word(w).is_none(),
            Tok::Open | Tok::Close => false,
        })
        .enumerate()
        .nth(MAX_OPERANDS);
    if let Some((_, (_, col))) = operands {
        return Err(format!(
            "column {col}: more than {MAX_OPERANDS} operands in one rule; split it into \
             rule categories that use each other"
        ));
    }
    let mut p = Parser {
        toks,
        pos: 0,
        end_col: rule.chars().count() + 1,
        depth: 0,
    };
    let expr = p.or()?;
    if let Some((tok, col)) = p.toks.get(p.pos) {
        let what = match tok {
            Tok::Close => "`)` without its `(`".to_string(),
            Tok::Word(w) => format!("{w:?}"),
            Tok::Quoted(t) => format!("{t:?}"),
            Tok::Open => "`(`".to_string(),
        };
        if let Tok::Word(w) = tok
            && let Some(upper) = upper_case_operator(w)
        {
            return Err(format!(
                "column {col}: {what}: operators are written in upper case: {upper}"
            ));
        }
        return Err(format!(
            "column {col}: {what} after a complete rule (an operator is missing?)"
        ));
    }
    Ok(expr)
}

/// One category's rule, as [`check`] needs it.
pub struct RuleRef<'a> {
    /// The category's id.
    pub id: &'a str,
    /// The rule text.
    pub rule: &'a str,
    /// The line of the category.
    pub line: usize,
}

/// Check every rule of a lexicon: it parses, names only categories of
/// `ids`, and no rule depends on itself through others. Returns the rule
/// categories in an order where every rule comes after the rules it uses.
pub fn check(origin: &str, ids: &[&str], rules: &[RuleRef]) -> Result<Vec<usize>> {
    let err = |line: usize, msg: String| Error::Lexicon {
        path: origin.to_string(),
        line: Some(line),
        msg,
    };
    let mut parsed = Vec::with_capacity(rules.len());
    for r in rules {
        let expr = parse(r.rule).map_err(|e| {
            err(
                r.line,
                format!("rule of category {:?}: {e}\n  rule: {}", r.id, r.rule),
            )
        })?;
        for name in expr.categories() {
            if !ids.contains(&name) {
                let near = ids
                    .iter()
                    .max_by(|a, b| {
                        strsim::jaro_winkler(a, name).total_cmp(&strsim::jaro_winkler(b, name))
                    })
                    .filter(|c| strsim::jaro_winkler(c, name) > 0.8);
                let hint = match upper_case_operator(name) {
                    Some(upper) => format!("\nhint: operators are written in upper case: {upper}"),
                    None => near.map_or(String::new(), |c| format!("\nhint: did you mean {c:?}?")),
                };
                return Err(err(
                    r.line,
                    format!(
                        "rule of category {:?} names unknown category {name:?}{hint}",
                        r.id
                    ),
                ));
            }
        }
        parsed.push(expr);
    }
    // Depth-first topological order; a back edge is a cycle.
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Active,
        Done,
    }
    let index = |id: &str| rules.iter().position(|r| r.id == id);
    let mut marks = vec![Mark::New; rules.len()];
    let mut order = Vec::with_capacity(rules.len());
    fn visit(
        i: usize,
        parsed: &[Expr],
        index: &dyn Fn(&str) -> Option<usize>,
        marks: &mut [Mark],
        order: &mut Vec<usize>,
        path: &mut Vec<usize>,
    ) -> std::result::Result<(), Vec<usize>> {
        match marks[i] {
            Mark::Done => return Ok(()),
            Mark::Active => {
                let from = path.iter().position(|&p| p == i).unwrap_or(0);
                let mut cycle = path[from..].to_vec();
                cycle.push(i);
                return Err(cycle);
            }
            Mark::New => {}
        }
        marks[i] = Mark::Active;
        path.push(i);
        for name in parsed[i].categories() {
            if let Some(j) = index(name) {
                visit(j, parsed, index, marks, order, path)?;
            }
        }
        path.pop();
        marks[i] = Mark::Done;
        order.push(i);
        Ok(())
    }
    for i in 0..rules.len() {
        visit(i, &parsed, &index, &mut marks, &mut order, &mut Vec::new()).map_err(|cycle| {
            let names: Vec<&str> = cycle.iter().map(|&k| rules[k].id).collect();
            err(
                rules[cycle[0]].line,
                format!(
                    "rules form a cycle: {} (a rule cannot depend on itself)",
                    names.join(" → ")
                ),
            )
        })?;
    }
    Ok(order)
}

#[cfg(test)]
mod tests;
