#include "profileeditor.h"

#include "collectionpattern.h"
#include "profilebadge.h"
#include "profilecolours.h"

#include <QCheckBox>
#include <QColorDialog>
#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

namespace {

QLabel *noteLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() > 0 ? font.pointSizeF() * 0.9 : 8.0);
    label->setFont(font);
    return label;
}

QLineEdit *keyEdit(const QString &objectName, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    // Password mode also keeps the text out of input methods and the clipboard.
    edit->setEchoMode(QLineEdit::Password);
    edit->setClearButtonEnabled(true);
    return edit;
}

void tint(QLabel *label, const QColor &colour)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, colour);
    label->setPalette(palette);
}

} // namespace

ProfileEditor::ProfileEditor(QWidget *parent)
    : QWidget(parent)
{
    // The groups scroll; the problems stay below them, always in view.
    auto *content = new QWidget(this);
    auto *groups = new QVBoxLayout(content);
    groups->setContentsMargins(0, 0, 0, 0);
    groups->addWidget(buildServerGroup());
    groups->addWidget(buildLookGroup());
    groups->addWidget(buildTlsGroup());
    groups->addWidget(buildTenancyGroup());
    groups->addWidget(buildEmbedderGroup());
    groups->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    m_problems = noteLabel(QStringLiteral("problemsLabel"), this);
    m_problems->setFont(font());
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_problems);

    tintMessages();
    setProfile(ConnectionProfile::create(QString(), QUrl()));
}

QWidget *ProfileEditor::buildServerGroup()
{
    auto *group = new QGroupBox(tr("Server"), this);
    auto *form = new QFormLayout(group);
    m_name = new QLineEdit(group);
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setPlaceholderText(tr("e.g. Production (eu-west)"));
    form->addRow(tr("&Name:"), m_name);

    m_url = new QLineEdit(group);
    m_url->setObjectName(QStringLiteral("urlEdit"));
    m_url->setPlaceholderText(QStringLiteral("http://localhost:6333"));
    form->addRow(tr("&URL:"), m_url);

    m_apiKey = keyEdit(QStringLiteral("apiKeyEdit"), group);
    m_apiKey->setPlaceholderText(tr("none"));
    form->addRow(tr("API &key:"), m_apiKey);
    m_apiKeyNote = noteLabel(QStringLiteral("apiKeyNote"), group);
    form->addRow(QString(), m_apiKeyNote);

    m_sessionOnly = new QCheckBox(tr("Keep the keys for this session only (never saved)"), group);
    m_sessionOnly->setObjectName(QStringLiteral("sessionOnlyCheck"));
    form->addRow(QString(), m_sessionOnly);

    connect(m_name, &QLineEdit::textEdited, this, &ProfileEditor::onEdited);
    connect(m_url, &QLineEdit::textEdited, this, &ProfileEditor::onEdited);
    connect(m_apiKey, &QLineEdit::textChanged, this, &ProfileEditor::onEdited);
    connect(m_sessionOnly, &QCheckBox::toggled, this, &ProfileEditor::onEdited);
    return group;
}

QWidget *ProfileEditor::buildLookGroup()
{
    auto *group = new QGroupBox(tr("Colour and safety"), this);
    auto *form = new QFormLayout(group);
    auto *row = new QHBoxLayout;
    m_colour = new QComboBox(group);
    m_colour->setObjectName(QStringLiteral("colourCombo"));
    m_chooseColour = new QPushButton(tr("Other &colour…"), group);
    m_chooseColour->setObjectName(QStringLiteral("chooseColourButton"));
    row->addWidget(m_colour, 1);
    row->addWidget(m_chooseColour);
    auto *colourLabel = new QLabel(tr("Colou&r:"), group);
    colourLabel->setBuddy(m_colour); // a row that is a layout gets no buddy by itself
    form->addRow(colourLabel, row);

    m_preview = new ProfileBadge(group);
    m_preview->setObjectName(QStringLiteral("badgePreview"));
    form->addRow(tr("Shown as:"), m_preview);

    m_readOnly
        = new QCheckBox(tr("Read-only: the console refuses every change to this server"), group);
    m_readOnly->setObjectName(QStringLiteral("readOnlyCheck"));
    form->addRow(QString(), m_readOnly);

    connect(m_colour, &QComboBox::currentIndexChanged, this, &ProfileEditor::onEdited);
    connect(m_chooseColour, &QPushButton::clicked, this, &ProfileEditor::chooseColour);
    connect(m_readOnly, &QCheckBox::toggled, this, &ProfileEditor::onEdited);
    return group;
}

QWidget *ProfileEditor::buildTlsGroup()
{
    auto *group = new QGroupBox(tr("TLS"), this);
    m_tlsGroup = group;
    auto *form = new QFormLayout(group);
    m_ignoreTls = new QCheckBox(tr("&Ignore certificate errors"), group);
    m_ignoreTls->setObjectName(QStringLiteral("ignoreTlsCheck"));
    form->addRow(m_ignoreTls);
    m_tlsWarning = noteLabel(QStringLiteral("tlsWarning"), group);
    m_tlsWarning->setText(tr("Anyone between you and the server can then read and change the "
                             "traffic, the API key included. Use it only for a development "
                             "server with a self-signed certificate."));
    form->addRow(m_tlsWarning);

    auto *row = new QHBoxLayout;
    m_caFile = new QLineEdit(group);
    m_caFile->setObjectName(QStringLiteral("caFileEdit"));
    m_caFile->setPlaceholderText(tr("the system's certificate authorities"));
    auto *browse = new QPushButton(tr("&Browse…"), group);
    browse->setObjectName(QStringLiteral("caFileButton"));
    row->addWidget(m_caFile, 1);
    row->addWidget(browse);
    auto *caLabel = new QLabel(tr("CA &file:"), group);
    caLabel->setBuddy(m_caFile);
    form->addRow(caLabel, row);

    connect(m_ignoreTls, &QCheckBox::toggled, this, &ProfileEditor::onEdited);
    connect(m_caFile, &QLineEdit::textEdited, this, &ProfileEditor::onEdited);
    connect(browse, &QPushButton::clicked, this, &ProfileEditor::chooseCaFile);
    return group;
}

QWidget *ProfileEditor::buildTenancyGroup()
{
    auto *group = new QGroupBox(tr("Tenancy"), this);
    auto *form = new QFormLayout(group);
    m_pattern = new QLineEdit(group);
    m_pattern->setObjectName(QStringLiteral("patternEdit"));
    m_pattern->setPlaceholderText(tr("empty: tenants are not split by collection"));
    form->addRow(tr("Collection &pattern:"), m_pattern);
    m_patternNote = noteLabel(QStringLiteral("patternNote"), group);
    form->addRow(QString(), m_patternNote);

    m_tenantKey = new QLineEdit(group);
    m_tenantKey->setObjectName(QStringLiteral("tenantKeyEdit"));
    m_tenantKey->setPlaceholderText(tr("empty: no tenant field in the payload"));
    form->addRow(tr("&Tenant payload key:"), m_tenantKey);

    connect(m_pattern, &QLineEdit::textEdited, this, &ProfileEditor::onEdited);
    connect(m_tenantKey, &QLineEdit::textEdited, this, &ProfileEditor::onEdited);
    return group;
}

QWidget *ProfileEditor::buildEmbedderGroup()
{
    auto *group = new QGroupBox(tr("Embedder"), this);
    m_embedderForm = new QFormLayout(group);
    m_embedderKind = new QComboBox(group);
    m_embedderKind->setObjectName(QStringLiteral("embedderCombo"));
    m_embedderKind->addItem(
        tr("Local (lexical, offline)"), int(ConnectionProfile::EmbedderKind::Local));
    m_embedderKind->addItem(tr("OpenAI-compatible"), int(ConnectionProfile::EmbedderKind::OpenAi));
    m_embedderForm->addRow(tr("&Kind:"), m_embedderKind);

    m_embedderUrl = new QLineEdit(group);
    m_embedderUrl->setObjectName(QStringLiteral("embedderUrlEdit"));
    m_embedderUrl->setPlaceholderText(QStringLiteral("https://api.openai.com/v1"));
    m_embedderForm->addRow(tr("Base U&RL:"), m_embedderUrl);
    m_embedderModel = new QLineEdit(group);
    m_embedderModel->setObjectName(QStringLiteral("embedderModelEdit"));
    m_embedderModel->setPlaceholderText(QStringLiteral("text-embedding-3-small"));
    m_embedderForm->addRow(tr("&Model:"), m_embedderModel);
    m_dimensions = new QSpinBox(group);
    m_dimensions->setObjectName(QStringLiteral("dimensionsSpin"));
    m_dimensions->setRange(1, ConnectionProfile::MaxDimensions);
    m_embedderForm->addRow(tr("&Vector size:"), m_dimensions);
    m_embedderKey = keyEdit(QStringLiteral("embedderKeyEdit"), group);
    m_embedderKey->setPlaceholderText(tr("none"));
    m_embedderForm->addRow(tr("K&ey:"), m_embedderKey);
    m_embedderKeyNote = noteLabel(QStringLiteral("embedderKeyNote"), group);
    m_embedderForm->addRow(QString(), m_embedderKeyNote);

    connect(m_embedderKind, &QComboBox::currentIndexChanged, this, &ProfileEditor::onEdited);
    connect(m_embedderUrl, &QLineEdit::textEdited, this, &ProfileEditor::onEdited);
    connect(m_embedderModel, &QLineEdit::textEdited, this, &ProfileEditor::onEdited);
    connect(m_dimensions, &QSpinBox::valueChanged, this, &ProfileEditor::onEdited);
    connect(m_embedderKey, &QLineEdit::textChanged, this, &ProfileEditor::onEdited);
    return group;
}

void ProfileEditor::setProfile(const ConnectionProfile &profile)
{
    m_loading = true;
    m_base = profile;
    m_name->setText(profile.name);
    m_url->setText(profile.url.toString());
    m_url->setEnabled(!profile.embedded);
    m_url->setPlaceholderText(profile.embedded ? tr("started by the console on a free port")
                                               : QStringLiteral("http://localhost:6333"));
    fillColourChoices(profile.colour);
    m_readOnly->setChecked(profile.readOnly);
    m_ignoreTls->setChecked(profile.tlsIgnoreErrors);
    m_caFile->setText(profile.caCertificatePath);
    // The embedded store is plain HTTP on loopback: TLS does not apply.
    m_tlsGroup->setEnabled(!profile.embedded);
    m_pattern->setText(profile.collectionPattern);
    m_tenantKey->setText(profile.tenantPayloadKey);
    m_embedderKind->setCurrentIndex(m_embedderKind->findData(int(profile.embedderKind)));
    m_embedderUrl->setText(profile.embedderBaseUrl.toString());
    m_embedderModel->setText(profile.embedderModel);
    m_dimensions->setValue(profile.embedderDimensions);
    m_loading = false;
    refresh();
}

ConnectionProfile ProfileEditor::profile() const
{
    ConnectionProfile p = m_base;
    p.name = m_name->text().trimmed();
    if (!p.embedded)
        p.url = QUrl(m_url->text().trimmed(), QUrl::StrictMode);
    p.colour = colour();
    p.readOnly = m_readOnly->isChecked();
    p.tlsIgnoreErrors = m_ignoreTls->isChecked();
    p.caCertificatePath = m_caFile->text().trimmed();
    p.collectionPattern = m_pattern->text().trimmed();
    p.tenantPayloadKey = m_tenantKey->text().trimmed();
    p.embedderKind = ConnectionProfile::EmbedderKind(m_embedderKind->currentData().toInt());
    const QString embedderUrl = m_embedderUrl->text().trimmed();
    p.embedderBaseUrl = embedderUrl.isEmpty() ? QUrl() : QUrl(embedderUrl, QUrl::StrictMode);
    p.embedderModel = m_embedderModel->text().trimmed();
    p.embedderDimensions = m_dimensions->value();
    return p;
}

QStringList ProfileEditor::patternProblems(const ConnectionProfile &profile) const
{
    // The pattern's own sentences are those that go away when the pattern does.
    ConnectionProfile without = profile;
    without.collectionPattern.clear();
    const QStringList others = without.problems();
    QStringList own;
    for (const QString &problem : profile.problems()) {
        if (!others.contains(problem))
            own << problem;
    }
    // CollectionPattern knows rules the profile does not check ({id}{type} touching).
    if (own.isEmpty() && !profile.collectionPattern.isEmpty()) {
        const Result<CollectionPattern> parsed
            = CollectionPattern::parse(profile.collectionPattern);
        if (!parsed.ok())
            own << parsed.error().message;
    }
    return own;
}

QStringList ProfileEditor::problems() const
{
    const ConnectionProfile p = profile();
    ConnectionProfile without = p;
    without.collectionPattern.clear();
    return without.problems() + patternProblems(p);
}

void ProfileEditor::setKeysLoading()
{
    m_loading = true;
    m_apiKeyLocation = KeyLocation::Loading;
    m_embedderKeyLocation = KeyLocation::Loading;
    m_storedApiKey.clear();
    m_storedEmbedderKey.clear();
    m_apiKey->clear();
    m_embedderKey->clear();
    m_apiKey->setEnabled(false);
    m_embedderKey->setEnabled(false);
    m_loading = false;
    refreshKeyNotes();
}

void ProfileEditor::setKeys(const QString &apiKey, KeyLocation apiKeyLocation,
    const QString &embedderKey, KeyLocation embedderKeyLocation)
{
    m_loading = true;
    m_storedApiKey = apiKey;
    m_storedEmbedderKey = embedderKey;
    m_apiKeyLocation = apiKeyLocation;
    m_embedderKeyLocation = embedderKeyLocation;
    m_apiKey->setText(apiKey);
    m_embedderKey->setText(embedderKey);
    m_apiKey->setEnabled(true);
    m_embedderKey->setEnabled(true);
    m_loading = false;
    refreshKeyNotes();
}

void ProfileEditor::setKeyTexts(const QString &apiKey, const QString &embedderKey)
{
    m_loading = true;
    m_apiKey->setText(apiKey);
    m_embedderKey->setText(embedderKey);
    m_loading = false;
    refreshKeyNotes();
}

QString ProfileEditor::apiKey() const
{
    return m_apiKey->text();
}

QString ProfileEditor::embedderKey() const
{
    return m_embedderKey->text();
}

bool ProfileEditor::keysLoaded() const
{
    return m_apiKeyLocation != KeyLocation::Loading;
}

bool ProfileEditor::isSessionOnly() const
{
    return m_sessionOnly->isChecked();
}

void ProfileEditor::setSessionOnly(bool sessionOnly)
{
    m_loading = true;
    m_sessionOnly->setChecked(sessionOnly || !m_keychainAvailable);
    m_loading = false;
    refreshKeyNotes();
}

void ProfileEditor::setKeychainAvailable(bool available)
{
    m_keychainAvailable = available;
    m_loading = true;
    if (!available)
        m_sessionOnly->setChecked(true);
    m_loading = false;
    m_sessionOnly->setEnabled(available);
    m_sessionOnly->setToolTip(available ? QString()
                                        : tr("There is no keychain to keep keys in: they are "
                                             "kept in memory and forgotten when the console "
                                             "closes."));
    refreshKeyNotes();
}

void ProfileEditor::focusName()
{
    m_name->setFocus(Qt::OtherFocusReason);
    m_name->selectAll();
}

void ProfileEditor::fillColourChoices(const QString &current)
{
    const bool wasLoading = m_loading;
    m_loading = true;
    m_colour->clear();
    m_colour->addItem(ProfileColours::swatch(QString(), palette()), tr("No colour"), QString());
    for (const ProfileColours::Preset &preset : ProfileColours::presets())
        m_colour->addItem(
            ProfileColours::swatch(preset.colour, palette()), preset.label, preset.colour);
    int index = m_colour->findData(current.toLower(), Qt::UserRole, Qt::MatchFixedString);
    if (index < 0 && !current.isEmpty()) {
        m_colour->addItem(
            ProfileColours::swatch(current, palette()), tr("Custom (%1)").arg(current), current);
        index = m_colour->count() - 1;
    }
    m_colour->setCurrentIndex(qMax(0, index));
    m_loading = wasLoading;
}

void ProfileEditor::setColour(const QString &colour)
{
    fillColourChoices(colour);
}

QString ProfileEditor::colour() const
{
    return m_colour->currentData().toString();
}

void ProfileEditor::chooseColour()
{
    // Open, not exec: the colour picker must not start an event loop of its own.
    auto *dialog
        = new QColorDialog(colour().isEmpty() ? QColor(0x15, 0x65, 0xc0) : QColor(colour()), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Profile colour"));
    connect(dialog, &QColorDialog::colorSelected, this, [this](const QColor &chosen) {
        setColour(chosen.name(QColor::HexRgb));
        onEdited();
    });
    dialog->open();
}

void ProfileEditor::chooseCaFile()
{
    auto *dialog
        = new QFileDialog(this, tr("Certificate authorities (PEM)"), m_caFile->text().trimmed());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setNameFilters({tr("PEM certificates (*.pem *.crt *.cer)"), tr("All files (*)")});
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &file) {
        m_caFile->setText(file);
        onEdited();
    });
    dialog->open();
}

void ProfileEditor::onEdited()
{
    if (m_loading)
        return;
    refresh();
    emit edited();
}

void ProfileEditor::refresh()
{
    const ConnectionProfile p = profile();
    m_preview->setProfile(p.name.isEmpty() ? tr("(no name)") : p.name, p.colour, p.readOnly);
    m_tlsWarning->setVisible(m_ignoreTls->isChecked());

    const bool remote = p.embedderKind == ConnectionProfile::EmbedderKind::OpenAi;
    for (QWidget *field :
        {static_cast<QWidget *>(m_embedderUrl), static_cast<QWidget *>(m_embedderModel),
            static_cast<QWidget *>(m_embedderKey), static_cast<QWidget *>(m_embedderKeyNote)}) {
        m_embedderForm->setRowVisible(field, remote);
    }

    const QStringList own = patternProblems(p);
    m_patternOk = own.isEmpty();
    if (!m_patternOk) {
        m_patternNote->setText(own.join(u' '));
    } else if (p.collectionPattern.isEmpty()) {
        m_patternNote->setText(tr("Tenants are not split by collection."));
    } else {
        const Result<CollectionPattern> parsed = CollectionPattern::parse(p.collectionPattern);
        const Result<QString> example = parsed.value().format(QStringLiteral("42"),
            parsed.value().hasType() ? QStringLiteral("customer_context") : QString());
        m_patternNote->setText(example.ok()
                ? tr("e.g. %1 is a collection of tenant 42.").arg(example.value())
                : example.error().message);
    }

    ConnectionProfile without = p;
    without.collectionPattern.clear();
    QStringList lines;
    for (const QString &problem : without.problems())
        lines << QStringLiteral("• ") + problem;
    m_problems->setText(lines.join(u'\n'));
    m_problems->setVisible(!lines.isEmpty());
    tintMessages();
    refreshKeyNotes();
}

QString ProfileEditor::keyNote(
    KeyLocation location, const QString &stored, const QString &current, bool apiKey) const
{
    if (location == KeyLocation::Loading)
        return tr("Reading the keychain…");
    const bool sessionOnly = m_sessionOnly->isChecked();
    if (current.isEmpty()) {
        if (!stored.isEmpty())
            return tr("The key will be removed when you save.");
        return apiKey ? tr("No key: for a server that needs none.") : tr("No key.");
    }
    if (current == stored && location == KeyLocation::Keychain && !sessionOnly)
        return tr("Stored in the keychain.");
    if (current == stored && location == KeyLocation::Session && sessionOnly)
        return tr("Session only: kept in memory and forgotten when the console closes.");
    return sessionOnly ? tr("Kept for this session only once you save: never written to disk.")
                       : tr("Goes to the keychain when you save.");
}

void ProfileEditor::refreshKeyNotes()
{
    m_apiKeyNote->setText(keyNote(m_apiKeyLocation, m_storedApiKey, m_apiKey->text(), true));
    m_embedderKeyNote->setText(
        keyNote(m_embedderKeyLocation, m_storedEmbedderKey, m_embedderKey->text(), false));
}

void ProfileEditor::tintMessages()
{
    const QColor error = ProfileColours::errorText(palette());
    tint(m_problems, error);
    tint(m_tlsWarning, error);
    tint(m_patternNote, m_patternOk ? palette().color(QPalette::WindowText) : error);
}

void ProfileEditor::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        tintMessages();
        fillColourChoices(colour()); // the swatches' outlines follow the palette
    }
}
