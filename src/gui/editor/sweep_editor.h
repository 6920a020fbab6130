#pragma once
// The "Sweep" tab of the experiment editor: the spec's "sweep" section as a form (axes with
// their values, repeats, warm-up runs, targets), bound to the spec document; the JSON text
// and this form stay in sync through the document.

#include "gui/editor/spec_document.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace ktw::gui {

/// "0, 5, 20" -> [0, 5, 20]; "lz4, zstd" -> ["lz4", "zstd"] (a token that is not JSON is
/// a string). Empty tokens are dropped.
nlohmann::json parse_axis_values(const QString& text);
QString axis_values_text(const nlohmann::json& values);

class SweepEditor : public QWidget {
    Q_OBJECT
  public:
    explicit SweepEditor(SpecDocument* doc, QWidget* parent = nullptr);

    enum Column { FieldColumn, ValuesColumn };
    QCheckBox* enabledBox() const { return enabled_; }
    QTableWidget* axesTable() const { return axes_; }
    QComboBox* fieldChooser() const { return field_; }
    QPushButton* addButton() const { return add_; }
    QPushButton* removeButton() const { return remove_; }
    QSpinBox* repeatsBox() const { return repeats_; }
    QSpinBox* warmupBox() const { return warmup_; }
    /// max_e2e_p99_ms, max_ack_p99_ms, min_produce_msgs_per_s, min_consume_msgs_per_s
    QDoubleSpinBox* targetBox(const std::string& name) const;
    QLabel* summaryLabel() const { return summary_; }

    /// Adds an axis (or replaces the values of an existing one).
    void addAxis(const QString& path, const QString& values);

  private:
    void loadFromDocument();
    void writeToDocument();
    void updateSummary();

    SpecDocument* doc_;
    QCheckBox* enabled_;
    QWidget* body_;
    QTableWidget* axes_;
    QComboBox* field_;
    QPushButton* add_;
    QPushButton* remove_;
    QSpinBox* repeats_;
    QSpinBox* warmup_;
    std::vector<std::pair<std::string, QDoubleSpinBox*>> targets_;
    QLabel* summary_;
    bool loading_ = false;
};

} // namespace ktw::gui
