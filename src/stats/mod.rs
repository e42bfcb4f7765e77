//! Counting and statistics: mergeable tallies and the intervals computed from
//! them. Knows nothing of input formats or output rendering.

pub mod agreement;
pub mod bootstrap;
pub mod correction;
pub mod design;
pub mod fold;
pub mod interval;
pub mod prevalence;
pub mod sampling;
pub mod tally;

pub use fold::{DateState, GroupCap, PostTally, TallyShape};
pub use interval::{Interval, wilson};
pub use tally::{ClusterCounts, Counts, Observation, SkipLog, Tally};
