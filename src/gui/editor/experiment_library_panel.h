#pragma once
// The experiment library: the shipped experiments (folders as groups) and the user's own
// (<workspace>/experiments), with name and description, a filter, and opening one into the
// editor (double-click or Enter). A file that is not a usable spec is listed with its error.

#include <QFileSystemWatcher>
#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QModelIndex;
class QPushButton;
class QSortFilterProxyModel;
class QStandardItem;
class QStandardItemModel;
class QTreeView;

namespace ktw {
struct ExperimentFile;
}

namespace ktw::gui {

/// share/kafka-tuning-workbench/experiments beside the executable's bin/ (an installed
/// workbench), else the source tree's experiments/ (KTW_SOURCE_EXPERIMENTS_DIR, a build).
QString shipped_experiments_folder();

class ExperimentLibraryPanel : public QWidget {
    Q_OBJECT
  public:
    explicit ExperimentLibraryPanel(QWidget* parent = nullptr);

    enum Role { PathRole = Qt::UserRole + 1, ErrorRole };

    void setFolders(const QString& shipped, const QString& user);
    const QString& shippedFolder() const { return shipped_; }
    const QString& userFolder() const { return user_; }

    QTreeView* view() const { return view_; }
    QLineEdit* filterBox() const { return filter_; }
    QLabel* details() const { return details_; }
    QPushButton* openButton() const { return open_; }
    /// The view's index of an experiment file (through the filter), or an invalid index.
    QModelIndex indexOf(const QString& path) const;
    /// Selects (and scrolls to) the file; false when it is not listed (or filtered out).
    bool selectFile(const QString& path);

  public slots:
    void reload();
    /// Asks to open the current experiment (openRequested), unless it has an error.
    void openCurrent();

  signals:
    void openRequested(const QString& path);
    void saveRequested();

  private:
    QStandardItem* groupItem(QStandardItem* root, const std::string& group);
    void addFolder(const QString& title, const QString& folder, const QString& emptyText);
    void showDetails();
    void watch();

    QString shipped_, user_;
    QStandardItemModel* model_;
    QSortFilterProxyModel* proxy_;
    QTreeView* view_;
    QLineEdit* filter_;
    QLabel* details_;
    QPushButton* open_;
    QFileSystemWatcher watcher_;
    QTimer reloadTimer_;
};

} // namespace ktw::gui
