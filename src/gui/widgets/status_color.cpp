#include "gui/widgets/status_color.h"

#include <QGuiApplication>

namespace ktw::gui {
namespace {

bool is_dark(const QPalette& p) {
    return p.color(QPalette::Window).lightness() < 128;
}

} // namespace

QColor status_color(Status status, const QPalette& palette) {
    // Material design's 800 shades on a light window, its 300 shades on a dark one: both
    // keep a contrast ratio above 4.5 against their background.
    const bool dark = is_dark(palette);
    switch (status) {
    case Status::Good:
        return dark ? QColor("#81c784") : QColor("#2e7d32");
    case Status::Bad:
        return dark ? QColor("#e57373") : QColor("#c62828");
    case Status::Warning:
        return dark ? QColor("#ffb74d") : QColor("#ef6c00");
    }
    return palette.color(QPalette::WindowText);
}

QColor status_color(Status status) {
    return status_color(status, QGuiApplication::palette());
}

QString status_color_name(Status status) {
    return status_color(status).name();
}

QString status_span(Status status, const QString& html) {
    return "<span style='color:" + status_color_name(status) + "'>" + html + "</span>";
}

QString status_style(Status status) {
    return "color:" + status_color_name(status);
}

} // namespace ktw::gui
