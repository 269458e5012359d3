// ProfileEditor, offscreen: the form shows a profile, gives back what the user typed, and
// validates as the user types (the profile's problems and the collection-name pattern).
#include "profilebadge.h"
#include "profileeditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QtTest>

class TestProfileEditor : public QObject
{
    Q_OBJECT

private:
    template <typename T> static T *find(const ProfileEditor &editor, const char *name)
    {
        return editor.findChild<T *>(QString::fromLatin1(name));
    }

    static void typeInto(QLineEdit *edit, const QString &text)
    {
        edit->setFocus();
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Backspace);
        QTest::keyClicks(edit, text);
    }

    static ConnectionProfile sample()
    {
        ConnectionProfile p = ConnectionProfile::create(
            QStringLiteral("Staging"), QUrl(QStringLiteral("https://qdrant.example:6333")));
        p.id = QUuid(QStringLiteral("{3f2504e0-4f89-41d3-9a0c-0305e82c3301}"));
        p.colour = QStringLiteral("#ffb300");
        p.readOnly = true;
        p.tlsIgnoreErrors = true;
        p.collectionPattern = QStringLiteral("tenant_{id}_{type}");
        p.tenantPayloadKey = QStringLiteral("company_id");
        p.embedderKind = ConnectionProfile::EmbedderKind::OpenAi;
        p.embedderBaseUrl = QUrl(QStringLiteral("https://api.openai.com/v1"));
        p.embedderModel = QStringLiteral("text-embedding-3-small");
        p.embedderDimensions = 768;
        return p;
    }

private slots:
    void roundTripsAProfile()
    {
        ProfileEditor editor;
        QSignalSpy edited(&editor, &ProfileEditor::edited);
        editor.setProfile(sample());
        QCOMPARE(edited.size(), 0);
        QCOMPARE(editor.profile(), sample());
        QVERIFY(editor.isValid());
        QCOMPARE(find<QComboBox>(editor, "colourCombo")->currentText(),
            QStringLiteral("Staging (amber)"));
        QVERIFY(!find<QLabel>(editor, "tlsWarning")->isHidden());
    }

    void typingChangesTheProfile()
    {
        ProfileEditor editor;
        editor.setProfile(sample());
        editor.show();
        QSignalSpy edited(&editor, &ProfileEditor::edited);
        typeInto(find<QLineEdit>(editor, "nameEdit"), QStringLiteral("  Production  "));
        typeInto(find<QLineEdit>(editor, "tenantKeyEdit"), QStringLiteral("customer_id"));
        QTest::mouseClick(find<QCheckBox>(editor, "readOnlyCheck"), Qt::LeftButton);
        QVERIFY(edited.size() > 0);
        const ConnectionProfile p = editor.profile();
        QCOMPARE(p.name, QStringLiteral("Production")); // trimmed
        QCOMPARE(p.tenantPayloadKey, QStringLiteral("customer_id"));
        QVERIFY(!p.readOnly);
        QCOMPARE(p.id, sample().id);
        auto *badge = find<ProfileBadge>(editor, "badgePreview");
        QCOMPARE(badge->text(), QStringLiteral("Production"));
        QVERIFY(!badge->showsReadOnly());
    }

    void patternIsValidatedAsTyped_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("note");
        QTest::newRow("default") << QStringLiteral("company_{id}_{type}") << true
                                 << QStringLiteral("e.g. company_42_customer_context is a "
                                                   "collection of tenant 42.");
        QTest::newRow("no type") << QStringLiteral("tenant-{id}") << true
                                 << QStringLiteral("e.g. tenant-42 is a collection of tenant 42.");
        QTest::newRow("empty") << QString() << true
                               << QStringLiteral("Tenants are not split by collection.");
        QTest::newRow("no id") << QStringLiteral("company_{type}") << false
                               << QStringLiteral("must contain {id} exactly once");
        QTest::newRow("unknown placeholder") << QStringLiteral("c_{id}_{kind}") << false
                                             << QStringLiteral("unknown placeholder {kind}");
        QTest::newRow("space") << QStringLiteral("c {id}") << false
                               << QStringLiteral("a collection name cannot have");
        // Only CollectionPattern knows this one: {id}{type} cannot be split.
        QTest::newRow("touching") << QStringLiteral("c_{id}{type}") << false
                                  << QStringLiteral("{id}");
    }

    void patternIsValidatedAsTyped()
    {
        QFETCH(QString, pattern);
        QFETCH(bool, valid);
        QFETCH(QString, note);
        ProfileEditor editor;
        editor.setProfile(sample());
        editor.show();
        typeInto(find<QLineEdit>(editor, "patternEdit"), pattern);
        const QString shown = find<QLabel>(editor, "patternNote")->text();
        QVERIFY2(shown.contains(note), qPrintable(shown));
        QCOMPARE(editor.isValid(), valid);
        // The pattern's problem is told next to the field, not again in the summary.
        QVERIFY(find<QLabel>(editor, "problemsLabel")->isHidden());
    }

    void problemsAreListedInline()
    {
        ProfileEditor editor;
        editor.setProfile(sample());
        editor.show();
        typeInto(find<QLineEdit>(editor, "nameEdit"), QString());
        typeInto(find<QLineEdit>(editor, "urlEdit"), QStringLiteral("http://user:pw@host:6333"));
        QLabel *problems = find<QLabel>(editor, "problemsLabel");
        QVERIFY(!problems->isHidden());
        QVERIFY2(problems->text().contains(QStringLiteral("needs a name")),
            qPrintable(problems->text()));
        QVERIFY2(problems->text().contains(QStringLiteral("user name or password")),
            qPrintable(problems->text()));
        QCOMPARE(editor.problems().size(), 2);
        typeInto(find<QLineEdit>(editor, "nameEdit"), QStringLiteral("Fixed"));
        typeInto(find<QLineEdit>(editor, "urlEdit"), QStringLiteral("http://host:6333"));
        QVERIFY(problems->isHidden());
        QVERIFY(editor.isValid());
    }

    void embedderFieldsFollowTheKind()
    {
        ProfileEditor editor;
        editor.setProfile(sample());
        editor.show();
        auto *model = find<QLineEdit>(editor, "embedderModelEdit");
        QVERIFY(model->isVisible());
        QComboBox *kind = find<QComboBox>(editor, "embedderCombo");
        kind->setFocus();
        QTest::keyClick(kind, Qt::Key_Up);
        QCOMPARE(kind->currentText(), QStringLiteral("Local (lexical, offline)"));
        QVERIFY(!model->isVisible());
        QCOMPARE(editor.profile().embedderKind, ConnectionProfile::EmbedderKind::Local);
        QCOMPARE(editor.profile().embedderDimensions, 768);

        QTest::keyClick(kind, Qt::Key_Down);
        typeInto(model, QString());
        QVERIFY2(find<QLabel>(editor, "problemsLabel")
                     ->text()
                     .contains(QStringLiteral("needs a model name")),
            qPrintable(find<QLabel>(editor, "problemsLabel")->text()));
    }

    void customColourIsKept()
    {
        ProfileEditor editor;
        ConnectionProfile p = sample();
        p.colour = QStringLiteral("#1565c0");
        editor.setProfile(p);
        QCOMPARE(find<QComboBox>(editor, "colourCombo")->currentText(),
            QStringLiteral("Custom (#1565c0)"));
        QCOMPARE(editor.profile().colour, QStringLiteral("#1565c0"));
        p.colour.clear();
        editor.setProfile(p);
        QCOMPARE(
            find<QComboBox>(editor, "colourCombo")->currentText(), QStringLiteral("No colour"));
        QCOMPARE(editor.profile().colour, QString());
    }

    void keyNotesSayWhereTheKeyLives()
    {
        ProfileEditor editor;
        editor.setProfile(sample());
        editor.show();
        QLabel *note = find<QLabel>(editor, "apiKeyNote");
        QLineEdit *key = find<QLineEdit>(editor, "apiKeyEdit");
        QCOMPARE(key->echoMode(), QLineEdit::Password);

        editor.setKeysLoading();
        QVERIFY(!key->isEnabled());
        QCOMPARE(note->text(), QStringLiteral("Reading the keychain…"));
        editor.setKeys(QStringLiteral("k1"), ProfileEditor::KeyLocation::Keychain, QString(),
            ProfileEditor::KeyLocation::None);
        QCOMPARE(note->text(), QStringLiteral("Stored in the keychain."));
        typeInto(key, QStringLiteral("k2"));
        QCOMPARE(note->text(), QStringLiteral("Goes to the keychain when you save."));
        QTest::mouseClick(find<QCheckBox>(editor, "sessionOnlyCheck"), Qt::LeftButton);
        QVERIFY(note->text().startsWith(QStringLiteral("Kept for this session only")));
        typeInto(key, QString());
        QCOMPARE(note->text(), QStringLiteral("The key will be removed when you save."));

        // Without a keychain the session is the only place, and the choice is made.
        editor.setKeychainAvailable(false);
        auto *sessionOnly = find<QCheckBox>(editor, "sessionOnlyCheck");
        QVERIFY(sessionOnly->isChecked());
        QVERIFY(!sessionOnly->isEnabled());
    }
};

QTEST_MAIN(TestProfileEditor)
#include "tst_profileeditor.moc"
