#pragma once
// Charts of a report as image bytes, for the HTML report, the Markdown report's side files and
// the GUI's report preview. Drawn with cairo (chart_drawing.h); this header needs no cairo.

#include "report/model/report_model.h"

#include <string>

namespace ktw::report {

/// An SVG document (UTF-8 text) of the chart, width x height in points.
std::string render_chart_svg(const ChartData& chart, double width = 720, double height = 360);

/// PNG bytes of the chart: width x height in points, drawn at scale pixels per point.
std::string render_chart_png(const ChartData& chart, double width = 720, double height = 360,
                             double scale = 2.0);

} // namespace ktw::report
