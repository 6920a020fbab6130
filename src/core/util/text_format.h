#pragma once
// Number formatting shared by the CLI and reports.

#include <cstdint>
#include <string>

namespace ktw {

/// 1234567 -> "1,234,567"
std::string format_count(uint64_t n);
std::string format_count(int64_t n);
/// Fixed decimals with thousands separators: (1234.5, 1) -> "1,234.5"
std::string format_decimal(double v, int decimals);
/// Microseconds in the most readable unit: 850 -> "850 µs", 12345 -> "12.3 ms", 2.5e6 -> "2.50 s"
std::string format_micros(double us);
/// Signed percentage change: "+12.3%", "-4.0%", or "n/a" when the base is zero.
std::string format_delta_percent(double base, double value);

} // namespace ktw
