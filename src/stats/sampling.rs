//! Reproducible random samples by priority: every unit (a KWIC line, a post
//! for a coding sheet) gets a pseudo-random key from (seed, input, line,
//! hit) and the smallest keys are kept in a bounded heap, so a sample does
//! not depend on the number of threads and memory stays bounded whatever
//! the corpus size: the N smallest of independent uniform keys are a
//! uniform random sample of N units.

use super::bootstrap::SplitMix64;

/// The sampling key of a unit.
pub fn priority(seed: u64, input: usize, line: u64, hit: usize) -> u64 {
    let mut rng = SplitMix64::new(
        seed ^ (input as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ line.wrapping_mul(0xC2B2_AE3D_27D4_EB4F)
            ^ (hit as u64).wrapping_mul(0x1656_67B1_9E37_79F9),
    );
    rng.next_u64()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn priority_is_deterministic() {
        assert_eq!(priority(1, 0, 5, 0), priority(1, 0, 5, 0));
        assert_ne!(priority(1, 0, 5, 0), priority(2, 0, 5, 0));
        assert_ne!(priority(1, 0, 5, 0), priority(1, 0, 6, 0));
    }
}
