#pragma once
// The experiment editor: name and description, the form, the JSON text (kept in sync both
// ways), the list of problems, presets, and opening/saving specs and .properties files.

#include "core/advisor/advice.h"
#include "gui/editor/spec_document.h"

#include <QWidget>
#include <vector>

class QLabel;
class QLineEdit;
class QListWidget;
class QMenu;
class QPlainTextEdit;
class QPushButton;

namespace ktw::gui {

class AdvisorPanel;
class ExperimentForm;
class ExperimentLibraryPanel;

class ExperimentEditorPage : public QWidget {
    Q_OBJECT
  public:
    explicit ExperimentEditorPage(QWidget* parent = nullptr);

    SpecDocument* document() const { return doc_; }
    ExperimentForm* form() const { return form_; }
    QPlainTextEdit* jsonEditor() const { return json_; }
    QListWidget* problemList() const { return problems_; }
    /// Says why the JSON text is not applied (empty while it is valid).
    QLabel* jsonStatus() const { return jsonStatus_; }
    QPushButton* runButton() const { return runButton_; }
    QMenu* presetMenu() const { return presets_; }
    AdvisorPanel* advisor() const { return advisor_; }
    ExperimentLibraryPanel* library() const { return library_; }
    /// The advice on the spec as it was last validated.
    const std::vector<Advice>& advice() const { return advice_; }
    const QString& currentFile() const { return file_; }

    /// The library then lists <workspace>/experiments as the user's experiments.
    void setWorkspace(const QString& workspace);
    /// Saves the spec among the user's experiments as <name>.json (the spec's name set to
    /// `name`), atomically; asks before replacing a file unless `replace`. Returns the path,
    /// or an empty string when nothing was saved (the reason was shown).
    QString saveAsExperiment(const QString& name, bool replace = false);

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
    /// Opens a file of the library, after asking when the editor has unsaved changes.
    bool openFromLibrary(const QString& path);
    bool save();
    bool saveAsDialog();
    bool saveAsExperimentDialog();
    void importPropertiesDialog();
    void exportPropertiesDialog();

  signals:
    void runRequested();
    void titleChanged(const QString& title);

  private:
    void onValidated();
    void showProblems();
    bool isShipped(const QString& path) const;
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
    AdvisorPanel* advisor_ = nullptr;
    ExperimentLibraryPanel* library_ = nullptr;
    std::vector<Advice> advice_;
    QString file_;
    bool running_ = false;
};

} // namespace ktw::gui
