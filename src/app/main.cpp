// ktw: the Kafka Tuning Workbench desktop application.
//   ktw [EXPERIMENT.json] [--workspace DIR]

#include "gui/editor/experiment_editor_page.h"
#include "gui/app/app_settings.h"
#include "gui/app/main_window.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    ktw::gui::set_application_identity();
    QApplication::setApplicationDisplayName("Kafka Tuning Workbench");

    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Tune Kafka producers, consumers and topics with measured experiments.");
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption workspace("workspace", "Use DIR as the workspace (runs/ inside it).", "DIR");
    parser.addOption(workspace);
    parser.addPositionalArgument("experiment", "An experiment JSON file to open in the editor.");
    parser.process(app);

    ktw::gui::MainWindow window;
    if (parser.isSet(workspace))
        window.setWorkspace(parser.value(workspace));
    if (!parser.positionalArguments().isEmpty())
        window.editor()->openFile(parser.positionalArguments().front());
    window.show();
    return QApplication::exec();
}
