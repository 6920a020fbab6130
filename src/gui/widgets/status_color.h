#pragma once
// The colours that say good, bad and "look at this" in labels, rich text and borders: one
// place, chosen against the widget palette so that a dark theme keeps them readable (the
// light-theme shades are too dark on a dark window).

#include <QColor>
#include <QPalette>
#include <QString>

namespace ktw::gui {

enum class Status { Good, Bad, Warning };

/// The colour of a status on the given palette.
QColor status_color(Status status, const QPalette& palette);
/// The colour of a status on the application's palette (item models have no widget).
QColor status_color(Status status);
/// "#2e7d32": the colour on the application's palette, for style sheets and HTML.
QString status_color_name(Status status);
/// `text` (already HTML) in a span of the status colour.
QString status_span(Status status, const QString& html);
/// "color:#2e7d32" for QWidget::setStyleSheet.
QString status_style(Status status);

} // namespace ktw::gui
