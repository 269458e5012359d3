#include "typedconfirmdialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

TypedConfirmDialog::TypedConfirmDialog(const QString &title, const QString &what,
                                       const QString &expected, const QString &actionText,
                                       QWidget *parent)
    : QDialog(parent)
    , m_expected(expected)
    , m_input(new QLineEdit(this))
{
    setWindowTitle(title);
    setObjectName(QStringLiteral("typedConfirmDialog"));

    auto *message = new QLabel(what, this);
    message->setObjectName(QStringLiteral("confirmMessage"));
    message->setWordWrap(true);
    message->setTextFormat(Qt::PlainText);

    // The name is shown as a label the user can select, but typing it is the point: a paste
    // from the label is still a deliberate act, a reflexive Enter is not.
    auto *prompt = new QLabel(tr("Type <b>%1</b> to confirm:").arg(expected.toHtmlEscaped()),
                              this);
    prompt->setTextFormat(Qt::RichText);
    prompt->setTextInteractionFlags(Qt::TextSelectableByMouse);
    prompt->setWordWrap(true);
    prompt->setBuddy(m_input);

    m_input->setObjectName(QStringLiteral("confirmInput"));
    m_input->setPlaceholderText(expected);

    auto *buttons = new QDialogButtonBox(this);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_confirm = buttons->addButton(actionText, QDialogButtonBox::DestructiveRole);
    m_confirm->setObjectName(QStringLiteral("confirmButton"));
    m_confirm->setEnabled(false);
    // No default button while the name is wrong: Enter then does nothing, Escape cancels.
    m_confirm->setAutoDefault(false);
    m_cancel->setAutoDefault(false);
    connect(m_confirm, &QPushButton::clicked, this, [this] {
        if (isConfirmed())
            accept();
    });
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_input, &QLineEdit::textChanged, this, &TypedConfirmDialog::onTextChanged);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(message);
    layout->addSpacing(6);
    layout->addWidget(prompt);
    layout->addWidget(m_input);
    layout->addWidget(buttons);
    setMinimumWidth(420);
    m_input->setFocus();
}

TypedConfirmDialog::~TypedConfirmDialog() = default;

bool TypedConfirmDialog::isConfirmed() const
{
    return m_input->text() == m_expected;
}

void TypedConfirmDialog::onTextChanged(const QString &)
{
    const bool confirmed = isConfirmed();
    m_confirm->setEnabled(confirmed);
    // Enter confirms only once the name matches.
    m_confirm->setDefault(confirmed);
}
