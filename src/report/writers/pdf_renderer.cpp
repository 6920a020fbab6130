// The PDF report: A4 pages laid out by hand on cairo's PDF surface (headings, wrapped
// paragraphs, tables that continue on the next page with their header, charts drawn as
// vectors). cairo's toy text API is enough for left-to-right text; pango would add a
// dependency for shaping we do not need.

#include "report/charts/chart_drawing.h"
#include "report/writers/render_util.h"
#include "report/writers/report_writer.h"

#include <algorithm>
#include <cairo-pdf.h>
#include <memory>
#include <stdexcept>

namespace ktw::report {
namespace {

constexpr double kPageW = 595.28, kPageH = 841.89; // A4 in points
constexpr double kMarginX = 50, kTop = 56, kBottom = kPageH - 56;
constexpr double kWidth = kPageW - 2 * kMarginX;
constexpr double kBodyFont = 9.5;
constexpr double kChartH = 250;

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

class PdfLayout {
  public:
    PdfLayout(cairo_t* cr, std::string footer) : cr_(cr), footer_(std::move(footer)) {}

    void heading(const std::string& text, double size) {
        ensure(size * 2 + 60); // keep a heading with the start of what follows
        y_ += page_started_ ? size * 0.9 : 0;
        font(size, true);
        colour(0.08, 0.08, 0.08);
        text_at(kMarginX, y_ + size, text);
        y_ += size * 1.6;
        page_started_ = true;
    }

    void paragraph(const std::string& text, double size = kBodyFont, double indent = 0,
                   const std::string& bullet = {}, bool bold = false) {
        font(size, bold);
        colour(0.1, 0.1, 0.1);
        const double line_h = size * 1.4;
        bool first = true;
        const auto lines = wrap(text, kWidth - indent);
        // A short paragraph is not split over two pages; a long one keeps two lines together.
        ensure(line_h * static_cast<double>(lines.size() <= 4 ? lines.size() : 2));
        for (const auto& line : lines) {
            ensure(line_h);
            if (first && !bullet.empty())
                text_at(kMarginX + indent - 10, y_ + size, bullet);
            text_at(kMarginX + indent, y_ + size, line);
            y_ += line_h;
            first = false;
        }
        y_ += size * 0.6;
        page_started_ = true;
    }

    void table(const ReportTable& t) {
        if (!t.caption.empty()) {
            ensure(60);
            paragraph(t.caption, kBodyFont, 0, {}, true);
            y_ -= kBodyFont * 0.4;
        }
        // Shrink the font until the table fits the width; past 6 pt, cut the widest cells.
        double size = 8.5;
        std::vector<double> widths = column_widths(t, size);
        double total = sum(widths);
        while (total > kWidth && size > 6.0) {
            size = std::max(6.0, size * std::min(0.97, kWidth / total));
            widths = column_widths(t, size);
            total = sum(widths);
        }
        if (total > kWidth + 0.5)
            cap_widths(widths);
        const double row_h = size * 1.75;
        ensure(row_h * std::min<std::size_t>(3, t.rows.size() + 1));
        draw_row(t, t.header, widths, size, true, false);
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            if (y_ + row_h > kBottom) {
                new_page();
                draw_row(t, t.header, widths, size, true, false);
            }
            std::vector<std::string> text;
            std::vector<bool> best;
            for (const auto& c : t.rows[r]) {
                text.push_back(c.text);
                best.push_back(c.best);
            }
            draw_row(t, text, widths, size, false, r % 2 == 1, best);
        }
        y_ += kBodyFont;
    }

    void chart(const ChartData& c) {
        ensure(kChartH + 10);
        draw_chart(cr_, c, kMarginX, y_, kWidth, kChartH);
        y_ += kChartH + 12;
        page_started_ = true;
    }

    void finish() { footer(); }
    int pages() const { return page_; }

  private:
    void ensure(double h) {
        if (y_ + h > kBottom && page_started_)
            new_page();
    }

    void new_page() {
        footer();
        cairo_show_page(cr_);
        ++page_;
        y_ = kTop;
        page_started_ = false;
    }

    void footer() {
        cairo_save(cr_); // a page break inside a paragraph keeps the paragraph's font
        font(7.5, false);
        colour(0.45, 0.45, 0.45);
        text_at(kMarginX, kPageH - 30, footer_);
        const std::string n = "page " + std::to_string(page_);
        text_at(kPageW - kMarginX - width(n), kPageH - 30, n);
        cairo_restore(cr_);
    }

    void font(double size, bool bold) {
        cairo_select_font_face(cr_, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                               bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
        cairo_set_font_size(cr_, size);
    }
    void colour(double r, double g, double b) { cairo_set_source_rgb(cr_, r, g, b); }
    double width(const std::string& s) {
        cairo_text_extents_t e;
        cairo_text_extents(cr_, s.c_str(), &e);
        return e.x_advance;
    }
    void text_at(double x, double y, const std::string& s) {
        cairo_move_to(cr_, x, y);
        cairo_show_text(cr_, s.c_str());
    }
    static double sum(const std::vector<double>& v) {
        double s = 0;
        for (double x : v)
            s += x;
        return s;
    }

    /// Still too wide at the smallest font: every column wider than a common cap is cut to
    /// it, the cap chosen so the table just fits (narrow columns keep their width).
    static void cap_widths(std::vector<double>& widths) {
        std::vector<double> sorted = widths;
        std::sort(sorted.begin(), sorted.end());
        double fixed = 0, cap = 0;
        for (std::size_t i = 0; i < sorted.size(); ++i) {
            cap = (kWidth - fixed) / static_cast<double>(sorted.size() - i);
            if (sorted[i] >= cap)
                break;
            fixed += sorted[i];
        }
        for (auto& w : widths)
            w = std::min(w, cap);
    }

    /// Greedy word wrap in the current font; a word longer than a line is cut.
    std::vector<std::string> wrap(const std::string& text, double max_w) {
        std::vector<std::string> lines;
        for (const auto& para : split_lines(text)) {
            std::string line;
            std::size_t pos = 0;
            while (pos < para.size()) {
                auto end = para.find(' ', pos);
                if (end == std::string::npos)
                    end = para.size();
                const std::string word = para.substr(pos, end - pos);
                const std::string candidate = line.empty() ? word : line + " " + word;
                if (width(candidate) <= max_w || line.empty()) {
                    line = candidate;
                } else {
                    lines.push_back(line);
                    line = word;
                }
                pos = end + 1;
            }
            lines.push_back(line);
        }
        return lines;
    }

    static std::vector<std::string> split_lines(const std::string& text) {
        std::vector<std::string> out;
        std::size_t pos = 0;
        while (true) {
            const auto end = text.find('\n', pos);
            out.push_back(text.substr(pos, end == std::string::npos ? end : end - pos));
            if (end == std::string::npos)
                return out;
            pos = end + 1;
        }
    }

    std::vector<double> column_widths(const ReportTable& t, double size) {
        std::vector<double> w(t.header.size(), 0);
        font(size, true);
        for (std::size_t c = 0; c < t.header.size(); ++c)
            w[c] = width(t.header[c]);
        for (const auto& row : t.rows)
            for (std::size_t c = 0; c < row.size() && c < w.size(); ++c) {
                font(size, row[c].best);
                w[c] = std::max(w[c], width(row[c].text));
            }
        for (auto& x : w)
            x += size * 1.4;
        return w;
    }

    /// Text cut to max_w with an ellipsis.
    std::string fit(const std::string& s, double max_w) {
        if (width(s) <= max_w + 0.01) // the widest cell set the width: allow rounding
            return s;
        std::string cut = s;
        while (!cut.empty() && width(cut + "…") > max_w) {
            cut.pop_back();
            while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80)
                cut.pop_back(); // never leave half a UTF-8 character
        }
        return cut + "…";
    }

    void draw_row(const ReportTable& t, const std::vector<std::string>& cells,
                  const std::vector<double>& widths, double size, bool header, bool stripe,
                  const std::vector<bool>& best = {}) {
        const double row_h = size * 1.75, pad = size * 0.7;
        if (header || stripe) {
            header ? colour(0.92, 0.93, 0.95) : colour(0.975, 0.975, 0.975);
            cairo_rectangle(cr_, kMarginX, y_, sum(widths), row_h);
            cairo_fill(cr_);
        }
        double x = kMarginX;
        for (std::size_t c = 0; c < widths.size(); ++c) {
            const bool is_best = c < best.size() && best[c];
            if (is_best) {
                colour(0.88, 0.955, 0.90);
                cairo_rectangle(cr_, x, y_, widths[c], row_h);
                cairo_fill(cr_);
            }
            font(size, header || is_best);
            colour(0.1, 0.1, 0.1);
            const std::string text = fit(c < cells.size() ? cells[c] : "", widths[c] - 2 * pad);
            const bool right = c >= t.label_columns;
            text_at(right ? x + widths[c] - pad - width(text) : x + pad, y_ + row_h * 0.68, text);
            x += widths[c];
        }
        colour(0.82, 0.82, 0.82);
        cairo_set_line_width(cr_, 0.5);
        cairo_move_to(cr_, kMarginX, y_ + row_h);
        cairo_line_to(cr_, kMarginX + sum(widths), y_ + row_h);
        cairo_stroke(cr_);
        y_ += row_h;
        page_started_ = true;
    }

    cairo_t* cr_;
    std::string footer_;
    double y_ = kTop;
    int page_ = 1;
    bool page_started_ = false;
};

} // namespace

std::string render_pdf(const ReportModel& m) {
    std::string out;
    {
        std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
            cairo_pdf_surface_create_for_stream(append, &out, kPageW, kPageH),
            cairo_surface_destroy);
        if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
            throw std::runtime_error(
                "cannot create the PDF: " +
                std::string(cairo_status_to_string(cairo_surface_status(surface.get()))));
        cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, m.title.c_str());
        cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR,
                                       "Kafka Tuning Workbench");
        std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()),
                                                              cairo_destroy);
        PdfLayout page(cr.get(), m.title + " (generated " + m.generated_at + ")");
        page.heading(m.title, 18);
        page.paragraph(m.subtitle);
        if (m.is_comparison)
            page.paragraph("Highlighted cells are the best value of a row.");
        for (const auto& s : m.sections) {
            page.heading(s.title, 13);
            for (const auto& b : s.blocks) {
                switch (b.kind) {
                case ReportBlock::Kind::Paragraph:
                    page.paragraph(b.text);
                    break;
                case ReportBlock::Kind::Bullets:
                    for (const auto& item : b.items)
                        page.paragraph(item, kBodyFont, 12, "•");
                    break;
                case ReportBlock::Kind::Table:
                    page.table(b.table);
                    break;
                case ReportBlock::Kind::Chart:
                    page.chart(m.charts.at(b.chart));
                    break;
                }
            }
        }
        page.heading("Conclusion", 13);
        for (const auto& p : split_paragraphs(m.conclusion))
            page.paragraph(p, 10);
        page.finish();
        const cairo_status_t status = cairo_status(cr.get());
        cr.reset();
        cairo_surface_finish(surface.get());
        if (status != CAIRO_STATUS_SUCCESS ||
            cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
            throw std::runtime_error(
                "cannot draw the PDF: " +
                std::string(cairo_status_to_string(status != CAIRO_STATUS_SUCCESS
                                                       ? status
                                                       : cairo_surface_status(surface.get()))));
    }
    return out;
}

} // namespace ktw::report
