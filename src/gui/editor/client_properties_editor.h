#pragma once
// One table of librdkafka properties (producer, consumer or every client) bound to
// <section>.properties of the spec: the tuned ones first, all of them on demand, searchable,
// with librdkafka's description, type, range and default; non-default values marked, values
// librdkafka refuses flagged with its message.

#include "gui/editor/spec_document.h"

#include <QWidget>

class QCheckBox;
class QLineEdit;
class QTableWidget;

namespace ktw {
struct PropertyInfo;
}

namespace ktw::gui {

enum class PropertyRole { Producer, Consumer, AllClients };

class ClientPropertiesEditor : public QWidget {
    Q_OBJECT
  public:
    ClientPropertiesEditor(SpecDocument* doc, PropertyRole role, QWidget* parent = nullptr);

    QTableWidget* table() const { return table_; }
    QLineEdit* searchBox() const { return search_; }
    QCheckBox* showAllBox() const { return showAll_; }
    /// "producer.properties"
    const std::string& section() const { return section_; }
    /// The row of a property, or -1 when it is not listed now.
    int rowOf(const QString& name) const;

    enum Column { NameColumn, ValueColumn, DefaultColumn, RangeColumn };

  private:
    void rebuild();
    void onItemChanged(int row, int column);
    bool listed(const PropertyInfo& p) const;
    void fillRow(int row, const PropertyInfo* info, const QString& name);

    SpecDocument* doc_;
    PropertyRole role_;
    std::string section_;
    QLineEdit* search_;
    QCheckBox* showAll_;
    QTableWidget* table_;
    bool filling_ = false;
};

} // namespace ktw::gui
