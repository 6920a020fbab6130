#pragma once
// Shared look of every plot: colours from the widget palette (so dark themes work), a fixed
// series palette, and the settings that keep live plotting cheap.

#include <QColor>

class QCustomPlot;

namespace ktw::gui {

/// Colours, fonts, fast-drawing hints and the interactions (drag, zoom) of a plot.
void style_plot(QCustomPlot* plot);
/// The i-th series colour (distinct, readable on light and dark backgrounds).
QColor series_color(int i);

} // namespace ktw::gui
