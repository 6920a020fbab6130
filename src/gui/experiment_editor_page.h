#pragma once
// The experiment editor: name and description, the form, the JSON text (kept in sync both
// ways), the list of problems, presets, and opening/saving specs and .properties files.

#include "spec_document.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QMenu;
class QPlainTextEdit;
class QPushButton;

namespace ktw::gui {

class ExperimentForm;

class ExperimentEditorPage : public QWidget {
    Q_OBJECT
  public:
    explicit ExperimentEditorPage(QWidget* parent = nullptr);

    SpecDocument* document() const { return doc_; }
    ExperimentForm* form() const { return form_; }
    QPlainTextEdit* jsonEditor() const { return json_; }
    QListWidget* problemList() const { return problems_; }
    QPushButton* runButton() const { return runButton_; }
    QMenu* presetMenu() const { return presets_; }
    const QString& currentFile() const { return file_; }

    /// Loads a spec file; on failure says why in a message box and keeps the current spec.
    bool openFile(const QString& path, bool quiet = false);
    bool saveTo(const QString& path);
    /// Whether the spec is valid and no validation is pending (the run button's state).
    bool canRun() const;
    /// The run button's state depends on this too (a run is going on).
    void setRunning(bool running);
    void applyPreset(int index);

  public slots:
    void newExperiment();
    void openDialog();
    bool save();
    bool saveAsDialog();
    void importPropertiesDialog();
    void exportPropertiesDialog();

  signals:
    void runRequested();
    void titleChanged(const QString& title);

  private:
    void showProblems();
    void updateWidgets();
    void onJsonEdited();

    SpecDocument* doc_;
    ExperimentForm* form_;
    QLineEdit* name_;
    QLineEdit* description_;
    QPlainTextEdit* json_;
    QLabel* jsonStatus_;
    QListWidget* problems_;
    QLabel* hint_;
    QPushButton* runButton_;
    QMenu* presets_;
    QString file_;
    bool running_ = false;
};

} // namespace ktw::gui
