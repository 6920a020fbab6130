#pragma once
// Settings that persist between sessions (QSettings), each with its key and default side by
// side.

#include <QByteArray>
#include <QString>

namespace ktw::gui {

/// The application's names and version (QSettings' keys and --version read them); called
/// once, first thing in main.
void set_application_identity();

struct AppSettings {
    /// The workspace folder: the last one chosen, else the CLI's default.
    static QString workspace();
    static void setWorkspace(const QString& path);
    static QString lastExperiment();
    static void setLastExperiment(const QString& path);
    static QByteArray windowGeometry();
    static QByteArray windowState();
    static void setWindow(const QByteArray& geometry, const QByteArray& state);
    static int currentPage();
    static void setCurrentPage(int page);
};

} // namespace ktw::gui
