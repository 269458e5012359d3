#include "payloaddiffdialog.h"

#include "payloadvalues.h"
#include "presentationoptions.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGroupBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QTextEdit>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {

QString fields(qsizetype n)
{
    return n == 1 ? PayloadDiffDialog::tr("1 field") : PayloadDiffDialog::tr("%1 fields").arg(n);
}

QString json(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented))
            .trimmed();
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return PayloadValues::jsonText(value);
}

} // namespace

PayloadDiffDialog::PayloadDiffDialog(const QJsonObject &stored, const QJsonObject &edited,
                                     const QStringList &maskedFields, QWidget *parent)
    : QDialog(parent)
    , m_stored(stored)
    , m_edited(edited)
    , m_masked(maskedFields)
    , m_plan(PayloadDiff::between(stored, edited).writePlan())
    , m_summary(new QLabel(this))
    , m_changes(new QTreeWidget(this))
    , m_set(new QRadioButton(tr("&Set (merge)"), this))
    , m_setExplanation(new QLabel(this))
    , m_overwrite(new QRadioButton(tr("&Overwrite (replace)"), this))
    , m_overwriteExplanation(new QLabel(this))
    , m_request(new QTextEdit(this))
    , m_save(nullptr)
{
    setWindowTitle(tr("Save payload"));
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);

    m_changes->setObjectName(QStringLiteral("payloadChanges"));
    m_set->setObjectName(QStringLiteral("payloadSet"));
    m_overwrite->setObjectName(QStringLiteral("payloadOverwrite"));
    m_changes->setColumnCount(4);
    m_changes->setHeaderLabels({tr("Change"), tr("Field"), tr("Stored"), tr("Edited")});
    m_changes->setRootIsDecorated(false);
    m_changes->setAlternatingRowColors(false);
    m_changes->setUniformRowHeights(true);
    m_changes->setTextElideMode(Qt::ElideMiddle);
    m_changes->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_changes->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_changes->header()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_changes->header()->setSectionResizeMode(3, QHeaderView::Stretch);
    // As tall as its rows (a few at least) when it opens; the dialog can be resized.
    m_changes->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContentsOnFirstShow);
    m_changes->setMinimumHeight(m_changes->fontMetrics().lineSpacing() * 5);
    fillChanges();

    const qsizetype written = m_plan.setPayload.size();
    const qsizetype removed = m_plan.deleteKeys.size();
    QString set;
    if (written > 0 && removed > 0) {
        set = tr("Writes only the %1 you changed or added and deletes the %2 you removed; "
                 "every other field stays as it is on the server, including any that another "
                 "agent changed since you opened this point.")
                  .arg(fields(written), fields(removed));
    } else if (removed > 0) {
        set = tr("Deletes the %1 you removed; every other field stays as it is on the server, "
                 "including any that another agent changed since you opened this point.")
                  .arg(fields(removed));
    } else {
        set = tr("Writes only the %1 you changed or added; every other field stays as it is "
                 "on the server, including any that another agent changed since you opened "
                 "this point.")
                  .arg(fields(written));
    }
    m_setExplanation->setText(set);
    m_overwriteExplanation->setText(
        tr("Replaces the whole payload with the %1 shown in the editor: a field that is only "
           "on the server, such as one another agent added since you opened this point, is "
           "lost.")
            .arg(fields(edited.size())));
    for (QLabel *label : {m_setExplanation, m_overwriteExplanation}) {
        label->setWordWrap(true);
        label->setContentsMargins(24, 0, 0, 6); // under its radio button's text
    }
    m_set->setChecked(true);

    auto *choice = new QGroupBox(tr("How to write it"), this);
    auto *choiceLayout = new QVBoxLayout(choice);
    choiceLayout->addWidget(m_set);
    choiceLayout->addWidget(m_setExplanation);
    choiceLayout->addWidget(m_overwrite);
    choiceLayout->addWidget(m_overwriteExplanation);

    m_request->setObjectName(QStringLiteral("payloadRequest"));
    m_request->setReadOnly(true);
    m_request->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_request->setAcceptRichText(false);
    m_request->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_request->setLineWrapMode(QTextEdit::WidgetWidth);
    // Room for set_payload and delete_payload on a line each, or a short payload wrapped;
    // a longer one scrolls.
    m_request->setFixedHeight(m_request->fontMetrics().lineSpacing() * 4
                              + 2 * m_request->frameWidth()
                              + int(m_request->document()->documentMargin() * 2));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_save = buttons->addButton(tr("Save"), QDialogButtonBox::AcceptRole);
    m_save->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_set, &QRadioButton::toggled, this, &PayloadDiffDialog::updateRequest);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_changes, 1);
    layout->addWidget(choice);
    layout->addWidget(new QLabel(tr("What will be sent:"), this));
    layout->addWidget(m_request);
    layout->addWidget(buttons);
    updateRequest();
    // Wide enough for values side by side; as tall as the content asks.
    resize(680, std::min(sizeHint().height(), 640));
}

bool PayloadDiffDialog::overwrite() const
{
    return m_overwrite->isChecked();
}

void PayloadDiffDialog::setOverwrite(bool overwrite)
{
    (overwrite ? m_overwrite : m_set)->setChecked(true);
}

QString PayloadDiffDialog::summaryText() const
{
    return m_summary->text();
}

QString PayloadDiffDialog::setExplanation() const
{
    return m_setExplanation->text();
}

QString PayloadDiffDialog::overwriteExplanation() const
{
    return m_overwriteExplanation->text();
}

QString PayloadDiffDialog::requestText() const
{
    return m_request->toPlainText();
}

void PayloadDiffDialog::fillChanges()
{
    const PayloadDiff diff = PayloadDiff::between(m_stored, m_edited);
    const qsizetype total = diff.changes().size();
    m_summary->setText((total == 1 ? tr("1 change") : tr("%1 changes").arg(total))
                       + tr(": %1 added, %2 changed, %3 removed")
                             .arg(diff.count(PayloadChange::Kind::Added))
                             .arg(diff.count(PayloadChange::Kind::Changed))
                             .arg(diff.count(PayloadChange::Kind::Removed)));
    // Translucent tints read on light and dark palettes alike.
    const QColor added(40, 167, 69, 60);
    const QColor removed(220, 53, 69, 60);
    const QColor changed(255, 193, 7, 60);
    for (const PayloadChange &change : diff.changes()) {
        QString kind;
        QColor tint;
        switch (change.kind) {
        case PayloadChange::Kind::Added:
            kind = tr("added");
            tint = added;
            break;
        case PayloadChange::Kind::Removed:
            kind = tr("removed");
            tint = removed;
            break;
        case PayloadChange::Kind::Changed:
            kind = tr("changed");
            tint = changed;
            break;
        }
        // Shown values only: a masked field stays masked here too.
        const QJsonValue oldShown
            = PresentationOptions::maskedValue(change.path, change.oldValue, m_masked);
        const QJsonValue newShown
            = PresentationOptions::maskedValue(change.path, change.newValue, m_masked);
        const QString before = PayloadValues::jsonText(oldShown);
        const QString after = PayloadValues::jsonText(newShown);
        auto *item = new QTreeWidgetItem(m_changes, {kind, change.path, before, after});
        for (int column = 0; column < 4; ++column)
            item->setBackground(column, tint);
        item->setToolTip(2, json(oldShown));
        item->setToolTip(3, json(newShown));
    }
}

void PayloadDiffDialog::updateRequest()
{
    const PayloadWritePlan &plan = m_plan;
    const auto shown = [this](const QJsonObject &body) {
        return PayloadValues::jsonText(PresentationOptions::maskedValue({}, body, m_masked));
    };
    QString text;
    if (overwrite()) {
        text = QStringLiteral("overwrite_payload  ") + shown(plan.overwritePayload);
    } else {
        if (!plan.setPayload.isEmpty())
            text = QStringLiteral("set_payload     ") + shown(plan.setPayload);
        if (!plan.deleteKeys.isEmpty()) {
            if (!text.isEmpty())
                text += QLatin1Char('\n');
            text += QStringLiteral("delete_payload  ")
                + PayloadValues::jsonText(QJsonArray::fromStringList(plan.deleteKeys));
        }
    }
    m_request->setPlainText(text);
    m_save->setText(overwrite() ? tr("Overwrite") : tr("Set"));
}
