#include "aboutdialog.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
    , m_version(new QLabel(this))
    , m_qtVersion(new QLabel(this))
    , m_components(new QTreeWidget(this))
{
    // mc_ui is a static library: without this the linker may drop the icon's resource data.
    Q_INIT_RESOURCE(memoryconsole);

    setWindowTitle(tr("About Memory Console"));

    auto *icon = new QLabel(this);
    icon->setObjectName(QStringLiteral("iconLabel"));
    icon->setPixmap(QIcon(QStringLiteral(":/icons/" MC_APP_ID ".svg")).pixmap(96, 96));
    icon->setAlignment(Qt::AlignTop | Qt::AlignHCenter);

    auto *title = new QLabel(tr("Memory Console"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    title->setFont(titleFont);

    m_version->setText(tr("Version %1").arg(QStringLiteral(MC_VERSION)));
    m_version->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *description = new QLabel(tr("Explorer and admin console for the Qdrant collections "
                                      "in which AI agents keep their long-term memory, with "
                                      "memory-store, a small server that speaks the Qdrant "
                                      "REST API."),
        this);
    description->setWordWrap(true);

    // Built-with and running-on differ when the distribution upgrades Qt under the binary;
    // bug reports need both.
    m_qtVersion->setText(tr("Built with Qt %1, running on Qt %2.")
                             .arg(QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion())));
    m_qtVersion->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *componentsTitle = new QLabel(tr("Third-party software in this build:"), this);
    m_components->setColumnCount(3);
    m_components->setHeaderLabels({tr("Component"), tr("License"), tr("Used for")});
    m_components->setRootIsDecorated(false);
    m_components->setSelectionMode(QAbstractItemView::NoSelection);
    m_components->setFocusPolicy(Qt::NoFocus);
    m_components->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_components->header()->setStretchLastSection(true);
    addComponent(
        QStringLiteral("Qt"), QStringLiteral("LGPL-3.0-only"), tr("Interface, networking"));
    addComponent(QStringLiteral("QtKeychain"), QStringLiteral("BSD-3-Clause"),
        tr("API keys in the desktop keychain"));
    addComponent(QStringLiteral("simdjson"), QStringLiteral("Apache-2.0"), tr("Reading JSON"));
    addComponent(
        QStringLiteral("nlohmann/json"), QStringLiteral("MIT"), tr("memory-store payloads"));
    addComponent(QStringLiteral("SQLite"), tr("Public domain"), tr("memory-store storage"));
    addComponent(
        QStringLiteral("cpp-httplib"), QStringLiteral("MIT"), tr("memory-store HTTP server"));
    addComponent(QStringLiteral("OpenSSL"), QStringLiteral("Apache-2.0"), tr("Checksums, TLS"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *aboutQt = buttons->addButton(tr("About &Qt"), QDialogButtonBox::HelpRole);
    connect(aboutQt, &QPushButton::clicked, qApp, &QApplication::aboutQt);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *text = new QVBoxLayout;
    text->addWidget(title);
    text->addWidget(m_version);
    text->addSpacing(6);
    text->addWidget(description);
    text->addWidget(m_qtVersion);
    text->addSpacing(6);
    text->addWidget(componentsTitle);
    text->addWidget(m_components, 1);

    auto *columns = new QHBoxLayout;
    columns->addWidget(icon);
    columns->addSpacing(12);
    columns->addLayout(text, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(buttons);

    resize(560, 400);
}

QString AboutDialog::versionText() const
{
    return m_version->text();
}

QString AboutDialog::qtVersionText() const
{
    return m_qtVersion->text();
}

QStringList AboutDialog::licenseLines() const
{
    QStringList lines;
    for (int i = 0; i < m_components->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_components->topLevelItem(i);
        lines << item->text(0) + QStringLiteral(" — ") + item->text(1);
    }
    return lines;
}

void AboutDialog::addComponent(const QString &name, const QString &license, const QString &usedFor)
{
    new QTreeWidgetItem(m_components, {name, license, usedFor});
}
