#include "aliasespanel.h"

#include "consolesession.h"
#include "inlinemessage.h"

#include <QHBoxLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

AliasesPanel::AliasesPanel(ConsoleSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_list(new QListWidget(this))
    , m_name(new QLineEdit(this))
    , m_create(new QPushButton(tr("Create alias"), this))
    , m_rename(new QPushButton(tr("Rename selected"), this))
    , m_delete(new QPushButton(tr("Delete alias…"), this))
    , m_message(new InlineMessage(this))
{
    m_list->setObjectName(QStringLiteral("aliasList"));
    m_name->setObjectName(QStringLiteral("aliasName"));
    m_name->setPlaceholderText(tr("Alias name"));
    m_create->setObjectName(QStringLiteral("createAliasButton"));
    m_rename->setObjectName(QStringLiteral("renameAliasButton"));
    m_delete->setObjectName(QStringLiteral("deleteAliasButton"));
    m_message->setObjectName(QStringLiteral("aliasMessage"));

    auto *form = new QHBoxLayout;
    form->addWidget(m_name, 1);
    form->addWidget(m_create);
    form->addWidget(m_rename);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_delete);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    layout->addLayout(form);
    layout->addWidget(m_message);

    connect(m_name, &QLineEdit::textChanged, this, &AliasesPanel::refreshButtons);
    connect(m_name, &QLineEdit::returnPressed, m_create, &QPushButton::click);
    connect(m_list, &QListWidget::itemSelectionChanged, this, &AliasesPanel::refreshButtons);
    connect(m_create, &QPushButton::clicked, this,
            [this] { createAlias(m_name->text().trimmed()); });
    connect(m_rename, &QPushButton::clicked, this,
            [this] { renameSelectedAlias(m_name->text().trimmed()); });
    connect(m_delete, &QPushButton::clicked, this, &AliasesPanel::deleteSelectedAlias);
    refreshButtons();
}

AliasesPanel::~AliasesPanel()
{
    m_listCall.cancel();
    m_changeCall.cancel();
}

void AliasesPanel::setCollection(const QString &collection)
{
    if (collection != m_collection) {
        m_message->clearMessage();
        m_name->clear();
        m_list->clear();
    }
    m_collection = collection;
    refreshButtons();
    reload();
}

void AliasesPanel::reload()
{
    m_listCall.cancel();
    if (!m_session || m_collection.isEmpty())
        return;
    const QString collection = m_collection;
    m_listCall = m_session->admin().listAliases(
        this, [this, collection](const Result<QList<AliasInfo>> &all) {
            if (collection != m_collection)
                return;
            if (!all.ok()) {
                m_message->showError(all.error().message);
                return;
            }
            const QString selected = m_list->currentItem() ? m_list->currentItem()->text()
                                                           : QString();
            QStringList names;
            for (const AliasInfo &alias : all.value()) {
                if (alias.collection == collection)
                    names.append(alias.alias);
            }
            names.sort();
            m_list->clear();
            m_list->addItems(names);
            const auto found = m_list->findItems(selected, Qt::MatchExactly);
            if (!found.isEmpty())
                m_list->setCurrentItem(found.constFirst());
            refreshButtons();
            emit aliasesListed(collection, names);
        });
}

void AliasesPanel::setEditable(bool editable)
{
    m_editable = editable;
    refreshButtons();
}

void AliasesPanel::refreshButtons()
{
    const bool can = m_editable && !m_changeCall.isRunning() && !m_collection.isEmpty();
    const bool named = !m_name->text().trimmed().isEmpty();
    const bool selected = m_list->currentItem() && m_list->currentItem()->isSelected();
    m_name->setEnabled(can);
    m_create->setEnabled(can && named);
    m_rename->setEnabled(can && named && selected);
    m_delete->setEnabled(can && selected);
}

void AliasesPanel::createAlias(const QString &alias)
{
    if (alias.isEmpty())
        return;
    apply({AliasOperation::create(alias, m_collection)},
          tr("%1 now points to %2.").arg(alias, m_collection));
}

void AliasesPanel::renameSelectedAlias(const QString &newAlias)
{
    if (!m_list->currentItem() || newAlias.isEmpty())
        return;
    const QString alias = m_list->currentItem()->text();
    apply({AliasOperation::rename(alias, newAlias)},
          tr("Renamed %1 to %2.").arg(alias, newAlias));
}

void AliasesPanel::deleteSelectedAlias()
{
    if (!m_list->currentItem())
        return;
    const QString alias = m_list->currentItem()->text();
    // open(), not exec(): no nested event loop.
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Delete alias"),
                                tr("Delete the alias \"%1\" of %2?").arg(alias, m_collection),
                                QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("deleteAliasConfirmation"));
    box->setInformativeText(tr("Clients that use the alias will no longer find the "
                               "collection. The collection itself is not touched."));
    QPushButton *remove = box->addButton(tr("Delete alias"), QMessageBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("confirmDeleteAliasButton"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    const QString collection = m_collection;
    connect(box, &QMessageBox::finished, this, [this, box, remove, alias, collection] {
        if (box->clickedButton() == remove && collection == m_collection)
            apply({AliasOperation::remove(alias)}, tr("Deleted the alias %1.").arg(alias));
    });
    box->open();
}

void AliasesPanel::apply(const QList<AliasOperation> &operations, const QString &done)
{
    if (!m_session || m_collection.isEmpty())
        return;
    const QString collection = m_collection;
    m_message->showInfo(tr("Changing aliases…"));
    m_changeCall = m_session->admin().updateAliases(
        operations, this, [this, collection, done](const Result<bool> &result) {
            refreshButtons();
            if (!result.ok()) {
                if (collection == m_collection)
                    m_message->showError(result.error().message);
                return;
            }
            if (collection == m_collection) {
                m_message->showSuccess(done);
                m_name->clear();
                reload();
            }
            emit aliasesChanged(collection);
        });
    refreshButtons();
}

QStringList AliasesPanel::aliases() const
{
    QStringList result;
    for (int row = 0; row < m_list->count(); ++row)
        result.append(m_list->item(row)->text());
    return result;
}

QString AliasesPanel::messageText() const
{
    return m_message->text();
}
