#pragma once
// Every threshold of the advisor in one place, each with the reason for its value.
// docs/advisor.md quotes them; a change here changes that page.

#include <cstdint>

namespace ktw::advisor {

// ---- before a run (spec_advisor.cpp) ---------------------------------------------------

/// librdkafka 2.0's defaults the rules fall back to when a spec does not set the property
/// (measurement.md, "librdkafka defaults that matter").
inline constexpr double kDefaultLingerMs = 5;
inline constexpr double kDefaultBatchSizeBytes = 1000000;
inline constexpr double kDefaultBatchNumMessages = 10000;
inline constexpr double kDefaultStickyLingerMs = 10;
inline constexpr double kDefaultMaxPollIntervalMs = 300000;

/// linger.ms above this with no latency target is flagged (info). librdkafka's default is
/// 5 ms, the deep-dive's throughput preset uses 10 ms and the issue's own sweep example stops
/// at 100 ms. A batch that does not fill by size waits the whole linger.ms, so above 100 ms
/// every message of a slow or paced stream waits a tenth of a second or more in the producer,
/// while the batching gain has long flattened (at 50,000 msgs/s one partition collects 5,000
/// messages in 100 ms).
inline constexpr double kHighLingerMs = 100;

/// With a latency target (sweep.targets.max_e2e_p99_ms or max_ack_p99_ms), linger.ms above
/// this share of the tightest target is flagged (warning). A message whose batch closes on
/// linger waits up to linger.ms in the producer; the rest of the p99 budget must cover the
/// broker round trip, the fetch wait and the consumer. Above half, the deliberate delay alone
/// costs more than everything else together.
inline constexpr double kLingerShareOfLatencyTarget = 0.5;

/// Unkeyed messages stick to one partition for sticky.partitioning.linger.ms (10 ms). With
/// n such periods spread at random over P partitions, each partition's share deviates by
/// about 1/sqrt(n/P) from the fair 1/P (and with n < P some partitions get nothing). Fewer
/// than 10 periods per partition (±30% or worse) is flagged.
inline constexpr double kMinStickyPeriodsPerPartition = 10;

/// The rate assumed for an unpaced producer when judging how long its run lasts (an
/// estimate, labelled as one in the advice). Deliberately low: the embedded cluster takes
/// 2.5-3 M msgs/s and librdkafka reaches 0.8-1.1 M msgs/s against a local broker
/// (measurement.md), so a run is assumed to last longer than it will and the sticky rule
/// errs on the side of silence.
inline constexpr double kAssumedUnpacedMsgsPerS = 100000;

/// A full poll's simulated processing (max_poll_records x processing_us) above this share of
/// max.poll.interval.ms is flagged: at 1.0 and above a full poll gets the consumer evicted
/// from its group (warning); between 0.5 and 1.0 one slow poll is enough (info).
inline constexpr double kPollBatchShareOfMaxPollInterval = 0.5;

/// max.poll.interval.ms below this is not a real eviction limit but, as in the tuning diary
/// (100, 50, 10 ms), a misreading of it as "how often to poll".
inline constexpr double kMaxPollIntervalLooksLikePollIntervalMs = 1000;

// ---- after a run (run_diagnosis.cpp) -----------------------------------------------------

/// A part of librdkafka's produce path (int_latency: produce() -> in a request, outbuf_latency:
/// request queued -> written, rtt: request -> response) "dominates" when it is more than this
/// share of their sum. The three add up to the path librdkafka sees; above half, shrinking
/// everything else together gains less than shrinking this one.
inline constexpr double kDominantShare = 0.5;

/// Below this sum (average over the measured windows) the produce path is too fast to call
/// anything a bottleneck: one millisecond is under the noise of a shared 2-core machine's
/// scheduling and below every latency target the seed documents name.
inline constexpr double kMinProducePathUs = 1000;

/// Batches averaging at least this share of batch.size (bytes) or batch.num.messages are
/// full: a batch closes when the next message does not fit, so full batches average just
/// under the limit.
inline constexpr double kFullBatchShare = 0.9;

/// Batches averaging below this share of both limits are small: they closed on linger.ms
/// long before either limit. Flagged only while linger.ms is at most kSmallLingerMs (the
/// default; a raised linger.ms was already a deliberate choice) and the producer was
/// throughput-bound (unpaced, or below kTargetRateReachedShare of its target rate; a paced
/// producer that keeps its rate is not held back by small batches).
inline constexpr double kSmallBatchShare = 0.1;
inline constexpr double kSmallLingerMs = 5;
inline constexpr double kTargetRateReachedShare = 0.95;

/// Consumer polls that return at least this share of max_poll_records on average are full:
/// the poll loop, not the fetching, sets the pace (same reasoning as full batches).
inline constexpr double kFullPollShare = 0.9;

/// Simulated processing (messages x processing_us) above this share of a consumer's consume
/// time means processing, not Kafka, limits that consumer.
inline constexpr double kProcessingShare = 0.5;

} // namespace ktw::advisor
