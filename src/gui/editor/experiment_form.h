#pragma once
// The form pages of the experiment editor (cluster and topic, producer, consumer, phases and
// measurement), every field bound to the spec; built in code because the property tables
// come from librdkafka's own list.

#include "gui/editor/spec_document.h"

#include <QTabWidget>

namespace ktw::gui {

class ClientPropertiesEditor;
class FieldBinder;
class SweepEditor;

class ExperimentForm : public QTabWidget {
    Q_OBJECT
  public:
    explicit ExperimentForm(SpecDocument* doc, QWidget* parent = nullptr);

    FieldBinder* binder() const { return binder_; }
    ClientPropertiesEditor* producerProperties() const { return producerProps_; }
    ClientPropertiesEditor* consumerProperties() const { return consumerProps_; }
    ClientPropertiesEditor* clusterProperties() const { return clusterProps_; }
    SweepEditor* sweepEditor() const { return sweep_; }
    /// Shows the tab holding the field of an error path and focuses its widget.
    void focusField(const std::string& path);

  private:
    QWidget* clusterPage();
    QWidget* producerPage();
    QWidget* consumerPage();
    QWidget* phasesPage();
    QWidget* topicConfigsField();

    SpecDocument* doc_;
    FieldBinder* binder_;
    ClientPropertiesEditor* producerProps_ = nullptr;
    ClientPropertiesEditor* consumerProps_ = nullptr;
    ClientPropertiesEditor* clusterProps_ = nullptr;
    SweepEditor* sweep_ = nullptr;
};

} // namespace ktw::gui
