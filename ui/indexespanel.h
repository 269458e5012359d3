#pragma once

#include "qdrantcallhandle.h"

#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class ConsoleSession;
class InlineMessage;
class QCheckBox;
class QComboBox;
class QLineEdit;
class QPushButton;
class QTableWidget;

/// The payload indexes of one collection: field, type, points indexed and options (is_tenant);
/// create one (field, type, is_tenant for keyword and uuid) or drop the selected one, through
/// ScopedAdmin. For an agent-memory collection the field box completes the schema's fields and
/// picks the type the template would. Results and errors show in the panel.
class IndexesPanel final : public QWidget
{
    Q_OBJECT

public:
    /// The session is not owned and must outlive the panel.
    explicit IndexesPanel(ConsoleSession *session, QWidget *parent = nullptr);
    ~IndexesPanel() override;

    /// Shows a collection's indexes (payload_schema of its info).
    void setCollection(const QString &collection, const QJsonObject &payloadSchema);
    /// Whether create and drop are offered (not for a read-only profile or a shared
    /// collection in a tenant scope).
    void setEditable(bool editable);

    /// Creates an index on field; schema is a type name or an object with is_tenant.
    void createIndex(const QString &field, const QString &type, bool isTenant);
    /// Drops the index of the selected row.
    void dropSelectedIndex();
    /// The fields listed, in order.
    QStringList fields() const;
    QString messageText() const;

signals:
    /// An index was created or dropped on the server: the collection's info is stale.
    void indexesChanged(const QString &collection);

private:
    void onFieldEdited(const QString &field);
    void refreshButtons();

    QPointer<ConsoleSession> m_session;
    QString m_collection;
    bool m_editable = false;
    QdrantCallHandle m_call;

    QTableWidget *m_table;
    QLineEdit *m_field;
    QComboBox *m_type;
    QCheckBox *m_tenant;
    QPushButton *m_create;
    QPushButton *m_drop;
    InlineMessage *m_message;
};
