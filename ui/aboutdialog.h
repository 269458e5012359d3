#pragma once

#include <QDialog>

class QLabel;
class QTreeWidget;

/// Help → About: the version, the Qt it was built with and runs on, and the third-party
/// software in the build with its licenses.
class AboutDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit AboutDialog(QWidget *parent = nullptr);

    QString versionText() const;
    QString qtVersionText() const;
    /// One "Component — License" line per third-party component, in the order shown.
    QStringList licenseLines() const;

private:
    void addComponent(const QString &name, const QString &license, const QString &usedFor);

    QLabel *m_version;
    QLabel *m_qtVersion;
    QTreeWidget *m_components;
};
