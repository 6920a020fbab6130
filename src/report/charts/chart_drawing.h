#pragma once
// Draws a line chart onto any cairo surface (SVG, PNG, a PDF page). Internal to ktw_report.

#include "report/model/report_model.h"

#include <cairo.h>

namespace ktw::report {

/// Draws chart into the rectangle (x, y, width, height), in the context's user units (points).
/// Leaves the context's state as it found it.
void draw_chart(cairo_t* cr, const ChartData& chart, double x, double y, double width,
                double height);

} // namespace ktw::report
