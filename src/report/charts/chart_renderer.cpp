#include "report/charts/chart_renderer.h"

#include "report/charts/chart_drawing.h"

#include <cairo-svg.h>
#include <memory>
#include <stdexcept>

namespace ktw::report {
namespace {

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

using Surface = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;
using Context = std::unique_ptr<cairo_t, decltype(&cairo_destroy)>;

void check(cairo_status_t status, const char* what) {
    if (status != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error(std::string("cannot draw the chart (") + what +
                                 "): " + cairo_status_to_string(status));
}

} // namespace

std::string render_chart_svg(const ChartData& chart, double width, double height) {
    std::string out;
    {
        Surface surface(cairo_svg_surface_create_for_stream(append, &out, width, height),
                        cairo_surface_destroy);
        check(cairo_surface_status(surface.get()), "SVG surface");
        Context cr(cairo_create(surface.get()), cairo_destroy);
        draw_chart(cr.get(), chart, 0, 0, width, height);
        check(cairo_status(cr.get()), "SVG drawing");
        cr.reset();
        cairo_surface_finish(surface.get()); // writes the document's end into out
        check(cairo_surface_status(surface.get()), "SVG output");
    }
    return out;
}

std::string render_chart_png(const ChartData& chart, double width, double height, double scale) {
    Surface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24,
                                               static_cast<int>(width * scale + 0.5),
                                               static_cast<int>(height * scale + 0.5)),
                    cairo_surface_destroy);
    check(cairo_surface_status(surface.get()), "image surface");
    {
        Context cr(cairo_create(surface.get()), cairo_destroy);
        cairo_scale(cr.get(), scale, scale);
        draw_chart(cr.get(), chart, 0, 0, width, height);
        check(cairo_status(cr.get()), "PNG drawing");
    }
    std::string out;
    check(cairo_surface_write_to_png_stream(surface.get(), append, &out), "PNG output");
    return out;
}

} // namespace ktw::report
