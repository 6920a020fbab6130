#include "gui/app/app_settings.h"

#include "core/record/run_store.h"
#include "core/util/version.h"

#include <QCoreApplication>
#include <QSettings>

namespace ktw::gui {

void set_application_identity() {
    QCoreApplication::setOrganizationName("kafka-tuning-workbench");
    QCoreApplication::setApplicationName("ktw");
    QCoreApplication::setApplicationVersion(workbench_version());
}

QString AppSettings::workspace() {
    // $KTW_WORKSPACE wins, as for ktw-cli, so both see the same runs.
    if (!qEnvironmentVariableIsEmpty("KTW_WORKSPACE"))
        return qEnvironmentVariable("KTW_WORKSPACE");
    return QSettings()
        .value("workspace", QString::fromStdString(default_workspace().string()))
        .toString();
}
void AppSettings::setWorkspace(const QString& path) {
    QSettings().setValue("workspace", path);
}
QString AppSettings::lastExperiment() {
    return QSettings().value("editor/lastExperiment").toString();
}
void AppSettings::setLastExperiment(const QString& path) {
    QSettings().setValue("editor/lastExperiment", path);
}
QByteArray AppSettings::windowGeometry() {
    return QSettings().value("window/geometry").toByteArray();
}
QByteArray AppSettings::windowState() {
    return QSettings().value("window/state").toByteArray();
}
void AppSettings::setWindow(const QByteArray& geometry, const QByteArray& state) {
    QSettings s;
    s.setValue("window/geometry", geometry);
    s.setValue("window/state", state);
}
int AppSettings::currentPage() {
    return QSettings().value("window/page", 0).toInt();
}
void AppSettings::setCurrentPage(int page) {
    QSettings().setValue("window/page", page);
}

} // namespace ktw::gui
