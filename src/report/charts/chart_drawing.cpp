// A line chart by hand on cairo: Debian has no C++ charting library that draws to SVG and PDF
// without a GUI toolkit, and the report layer must not need Qt (ktw-cli writes reports too).

#include "report/charts/chart_drawing.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

namespace ktw::report {
namespace {

struct Rgb {
    double r, g, b;
};

// Tableau 10: distinguishable, and still readable printed in grey.
constexpr Rgb kPalette[] = {{0.122, 0.467, 0.706}, {1.000, 0.498, 0.055}, {0.173, 0.627, 0.173},
                            {0.839, 0.153, 0.157}, {0.580, 0.404, 0.741}, {0.549, 0.337, 0.294},
                            {0.890, 0.467, 0.761}, {0.498, 0.498, 0.498}, {0.737, 0.741, 0.133},
                            {0.090, 0.745, 0.812}};

constexpr double kFont = 9.5;
constexpr double kTitleFont = 12;

Rgb color_of(int index) {
    const int n = static_cast<int>(std::size(kPalette));
    return kPalette[((index % n) + n) % n];
}

/// A round step near range / target: 1, 2 or 5 times a power of ten.
double nice_step(double range, int target) {
    if (range <= 0)
        return 1;
    const double raw = range / target;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    const double f = raw / mag;
    return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag;
}

/// Tick text: 50000 -> "50k", 1500000 -> "1.5M", 0.25 -> "0.25".
std::string tick_text(double v, double step) {
    char buf[32];
    const double a = std::fabs(v);
    if (step >= 1e6 || (a >= 1e6 && std::fmod(step, 1e5) == 0))
        std::snprintf(buf, sizeof buf, "%gM", v / 1e6);
    else if (step >= 1000)
        std::snprintf(buf, sizeof buf, "%gk", v / 1e3);
    else {
        const int decimals = step >= 1 ? 0 : static_cast<int>(std::ceil(-std::log10(step)));
        std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    }
    return buf;
}

double text_width(cairo_t* cr, const std::string& s) {
    cairo_text_extents_t e;
    cairo_text_extents(cr, s.c_str(), &e);
    return e.x_advance;
}

void show_text(cairo_t* cr, double x, double y, const std::string& s) {
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, s.c_str());
}

void set_font(cairo_t* cr, double size, bool bold = false) {
    cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

void set_line_style(cairo_t* cr, const ChartSeries& s) {
    const Rgb c = color_of(s.color);
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
    cairo_set_line_width(cr, 1.6);
    const double dash[] = {5, 3};
    cairo_set_dash(cr, dash, s.dashed ? 2 : 0, 0);
}

struct LegendEntry {
    const ChartSeries* series; ///< nullptr: the warm-up swatch
    std::string name;
    double x, y;
};

/// Lays the legend out in rows under the plot; returns the entries and the height it needs.
std::vector<LegendEntry> layout_legend(cairo_t* cr, const ChartData& chart, double left,
                                       double width, double& height) {
    std::vector<LegendEntry> entries;
    const double sample = 22, gap = 16, row_h = kFont + 6;
    double x = 0, y = 0;
    auto add = [&](const ChartSeries* s, const std::string& name) {
        const double w = sample + 5 + text_width(cr, name) + gap;
        if (x > 0 && x + w > width) {
            x = 0;
            y += row_h;
        }
        entries.push_back({s, name, left + x, y});
        x += w;
    };
    for (const auto& s : chart.series)
        add(&s, s.name);
    // The warm-up goes in the legend, not on the plot, where its label would cross the lines.
    if (!chart.shaded.empty())
        add(nullptr, "warm-up (not measured)");
    height = entries.empty() ? 0 : y + row_h;
    return entries;
}

} // namespace

void draw_chart(cairo_t* cr, const ChartData& chart, double x0, double y0, double width,
                double height) {
    cairo_save(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, x0, y0, width, height);
    cairo_fill(cr);

    // Data range: both axes start at 0 (rates and latencies are never negative).
    double max_x = 0, max_y = 0;
    bool any = false;
    for (const auto& s : chart.series)
        for (const auto& p : s.points) {
            max_x = std::max(max_x, p.x);
            max_y = std::max(max_y, p.y);
            any = true;
        }
    // A scatter's labels sit right of their points: room for the rightmost one.
    if (std::any_of(chart.series.begin(), chart.series.end(),
                    [](const ChartSeries& s) { return s.markers; }))
        max_x *= 1.08;
    const double x_step = nice_step(max_x > 0 ? max_x : 1, 8);
    const double x_max = std::max(x_step, std::ceil(max_x / x_step - 1e-9) * x_step);
    const double y_step = nice_step(max_y > 0 ? max_y * 1.05 : 1, 5);
    const double y_max = std::max(y_step, std::ceil(max_y * 1.05 / y_step - 1e-9) * y_step);

    // Margins from the text they must hold.
    set_font(cr, kFont);
    double y_label_w = 0;
    for (double v = 0; v <= y_max + y_step / 2; v += y_step)
        y_label_w = std::max(y_label_w, text_width(cr, tick_text(v, y_step)));
    const double pad = 8;
    const double left = x0 + pad + kFont + 8 + y_label_w + 6;
    const double right = x0 + width - pad - 6;
    double legend_h = 0;
    const auto legend = layout_legend(cr, chart, left, right - left, legend_h);
    const double top = y0 + pad + kTitleFont + 10;
    const double bottom = y0 + height - pad - legend_h - 6 - (kFont + 4) - (kFont + 8);
    const double pw = right - left, ph = bottom - top;
    auto px = [&](double v) { return left + v / x_max * pw; };
    auto py = [&](double v) { return bottom - v / y_max * ph; };

    // Title.
    set_font(cr, kTitleFont, true);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    show_text(cr, left, y0 + pad + kTitleFont, chart.title);

    // Warm-up spans, under everything else.
    for (const auto& [from, to] : chart.shaded) {
        cairo_set_source_rgb(cr, 0.90, 0.90, 0.90);
        cairo_rectangle(cr, px(std::clamp(from, 0.0, x_max)), top,
                        px(std::clamp(to, 0.0, x_max)) - px(std::clamp(from, 0.0, x_max)), ph);
        cairo_fill(cr);
    }

    // Grid and ticks.
    set_font(cr, kFont);
    cairo_set_line_width(cr, 0.5);
    for (double v = 0; v <= y_max + y_step / 2; v += y_step) {
        cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
        cairo_move_to(cr, left, py(v));
        cairo_line_to(cr, right, py(v));
        cairo_stroke(cr);
        const std::string t = tick_text(v, y_step);
        cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
        show_text(cr, left - 6 - text_width(cr, t), py(v) + kFont * 0.35, t);
    }
    for (double v = 0; v <= x_max + x_step / 2; v += x_step) {
        cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
        cairo_move_to(cr, px(v), top);
        cairo_line_to(cr, px(v), bottom + 3);
        cairo_stroke(cr);
        const std::string t = tick_text(v, x_step);
        cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
        show_text(cr, px(v) - text_width(cr, t) / 2, bottom + 4 + kFont, t);
    }
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    cairo_set_line_width(cr, 1);
    cairo_move_to(cr, left, top);
    cairo_line_to(cr, left, bottom);
    cairo_line_to(cr, right, bottom);
    cairo_stroke(cr);

    // Axis labels: x centred under the ticks, y rotated along the axis.
    cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
    show_text(cr, left + (pw - text_width(cr, chart.x_label)) / 2, bottom + 4 + 2 * kFont + 6,
              chart.x_label);
    cairo_save(cr);
    cairo_move_to(cr, x0 + pad + kFont, top + (ph + text_width(cr, chart.y_label)) / 2);
    cairo_rotate(cr, -std::numbers::pi / 2);
    cairo_show_text(cr, chart.y_label.c_str());
    cairo_restore(cr);

    if (!any) {
        const char* none = "no data (the run recorded no intervals)";
        show_text(cr, left + (pw - text_width(cr, none)) / 2, top + ph / 2, none);
    }

    // Lines, clipped to the plot.
    cairo_save(cr);
    cairo_rectangle(cr, left, top - 1, pw, ph + 1);
    cairo_clip(cr);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    for (const auto& s : chart.series) {
        if (s.points.empty())
            continue;
        set_line_style(cr, s);
        if (s.markers) {
            for (std::size_t i = 0; i < s.points.size(); ++i) {
                const double x = px(s.points[i].x), y = py(s.points[i].y);
                cairo_new_sub_path(cr);
                cairo_arc(cr, x, y, 3.5, 0, 2 * std::numbers::pi);
                cairo_fill(cr);
                if (i < s.labels.size())
                    show_text(cr, x + 5, y - 4, s.labels[i]);
            }
            continue;
        }
        cairo_move_to(cr, px(s.points[0].x), py(s.points[0].y));
        for (const auto& p : s.points)
            cairo_line_to(cr, px(p.x), py(p.y));
        cairo_stroke(cr);
    }
    cairo_restore(cr);

    // Legend.
    const double legend_top = y0 + height - pad - legend_h;
    for (const auto& e : legend) {
        const double cy = legend_top + e.y + kFont / 2 + 1;
        if (e.series && e.series->markers) {
            set_line_style(cr, *e.series);
            cairo_new_sub_path(cr);
            cairo_arc(cr, e.x + 11, cy, 3.5, 0, 2 * std::numbers::pi);
            cairo_fill(cr);
        } else if (e.series) {
            set_line_style(cr, *e.series);
            cairo_set_line_width(cr, 2);
            cairo_move_to(cr, e.x, cy);
            cairo_line_to(cr, e.x + 22, cy);
            cairo_stroke(cr);
        } else {
            cairo_set_source_rgb(cr, 0.90, 0.90, 0.90);
            cairo_rectangle(cr, e.x, cy - kFont / 2, 22, kFont);
            cairo_fill(cr);
        }
        cairo_set_dash(cr, nullptr, 0, 0);
        cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
        show_text(cr, e.x + 27, cy + kFont * 0.35, e.name);
    }
    cairo_restore(cr);
}

} // namespace ktw::report
