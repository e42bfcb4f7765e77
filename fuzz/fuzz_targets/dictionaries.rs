//! Every dictionary parser on any bytes: an error or a lexicon, never a
//! panic; a parsed lexicon compiles (or fails cleanly) and scans its own
//! terms.
#![no_main]
use libfuzzer_sys::fuzz_target;
use lexiscope::lexicon::{LexiconFormat, parse_as};
use lexiscope::matcher::{MatchOptions, Scratch, compile};

fuzz_target!(|data: &[u8]| {
    for format in LexiconFormat::ALL {
        let Ok((lex, _)) = parse_as(data, "fuzz", format) else { continue };
        let Ok(m) = compile(std::slice::from_ref(&lex), &MatchOptions::default()) else { continue };
        let mut scratch = Scratch::default();
        for c in lex.categories.iter().take(4) {
            for t in c.terms.iter().take(16) {
                m.scan(&t.text, &mut scratch);
            }
        }
    }
});
