#include "presentationdialog.h"

#include "presentationoptions.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

PresentationDialog::PresentationDialog(PresentationOptions *options,
                                       const QStringList &knownFields, QWidget *parent)
    : QDialog(parent)
    , m_options(options)
    , m_scale(new QSpinBox(this))
    , m_fields(new QListWidget(this))
    , m_other(new QLineEdit(this))
    , m_preview(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel
                                         | QDialogButtonBox::RestoreDefaults,
                                     this))
{
    setWindowTitle(tr("Presentation options"));

    m_scale->setRange(int(PresentationOptions::MinFontScale * 100),
                      int(PresentationOptions::MaxFontScale * 100));
    m_scale->setSingleStep(10);
    m_scale->setSuffix(tr(" %"));
    m_scale->setValue(int(std::lround(options->fontScale() * 100)));
    m_scale->setToolTip(tr("Text size of the whole console, for demos and screen shares."));

    const QStringList masked = options->maskedFields();
    QStringList others = masked;
    QStringList offered = knownFields;
    offered.removeDuplicates();
    offered.sort();
    for (const QString &field : std::as_const(offered)) {
        auto *item = new QListWidgetItem(field, m_fields);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(masked.contains(field) ? Qt::Checked : Qt::Unchecked);
        others.removeAll(field);
    }
    m_fields->setMinimumHeight(140);
    m_other->setText(others.join(QStringLiteral(", ")));
    m_other->setPlaceholderText(tr("e.g. customer_feedback, metadata.email"));
    m_preview->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("Font size:"), m_scale);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    auto *maskLabel = new QLabel(tr("Mask the values of these payload fields (shown as %1; "
                                    "the data is not changed):")
                                     .arg(PresentationOptions::maskText()),
                                 this);
    maskLabel->setWordWrap(true);
    layout->addWidget(maskLabel);
    layout->addWidget(m_fields, 1);
    auto *otherForm = new QFormLayout;
    otherForm->addRow(tr("Other fields:"), m_other);
    layout->addLayout(otherForm);
    layout->addWidget(m_preview);
    layout->addWidget(m_buttons);
    setMinimumWidth(420);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &PresentationDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &PresentationDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            &PresentationDialog::restoreDefaults);
    connect(m_fields, &QListWidget::itemChanged, this, &PresentationDialog::updatePreview);
    connect(m_other, &QLineEdit::textChanged, this, &PresentationDialog::updatePreview);
    updatePreview();
}

PresentationDialog::~PresentationDialog() = default;

void PresentationDialog::followFontScale(PresentationOptions *options)
{
    const QFont base = QApplication::font();
    const auto apply = [options, base] { QApplication::setFont(options->scaledFont(base)); };
    QObject::connect(options, &PresentationOptions::changed, qApp, apply);
    apply();
}

QStringList PresentationDialog::chosenFields() const
{
    QStringList fields;
    for (int i = 0; i < m_fields->count(); ++i) {
        if (m_fields->item(i)->checkState() == Qt::Checked)
            fields.append(m_fields->item(i)->text());
    }
    for (const QString &part : m_other->text().split(QLatin1Char(','))) {
        if (!part.trimmed().isEmpty())
            fields.append(part.trimmed());
    }
    fields.removeDuplicates();
    fields.sort();
    return fields;
}

void PresentationDialog::accept()
{
    m_options->setFontScale(m_scale->value() / 100.0);
    m_options->setMaskedFields(chosenFields());
    QDialog::accept();
}

void PresentationDialog::restoreDefaults()
{
    m_scale->setValue(100);
    for (int i = 0; i < m_fields->count(); ++i)
        m_fields->item(i)->setCheckState(Qt::Unchecked);
    m_other->clear();
}

void PresentationDialog::updatePreview()
{
    const QStringList fields = chosenFields();
    m_preview->setText(fields.isEmpty() ? tr("No field is masked.")
                                        : tr("Masked: %1").arg(fields.join(QStringLiteral(", "))));
}
