#pragma once

#include "connectionprofile.h"
#include "pointid.h"

#include <QFrame>
#include <QJsonObject>
#include <QPointer>

class ConsoleSession;
class Embedder;
class PointCuration;
class QLabel;
class QPushButton;
class SecretStore;
struct NetError;

/// A slim bar above a point's payload, shown after a saved edit changed the text the point's
/// vector is computed from: "Re-embed now?" [Re-embed] [Dismiss]. Re-embed makes the
/// profile's embedder (EmbedderFactory), picks the collection's vector it fits and has
/// PointCuration compute and replace the vector; the bar hides once the server has it, or
/// stays with the error and the button to try again. Not modal: the pane stays usable.
class ReEmbedPrompt final : public QFrame
{
    Q_OBJECT

public:
    /// secrets may be nullptr (no keychain: a remote embedder goes without a key).
    ReEmbedPrompt(ConsoleSession *session, PointCuration *curation, SecretStore *secrets,
        QWidget *parent = nullptr);
    ~ReEmbedPrompt() override;

    /// Shows the bar for a point whose saved edit (before → after) changed its embedded text
    /// (PointCuration::changesEmbeddedText); true when it did. Never for a read-only profile.
    bool offer(const QString &collection, const PointId &id, const QJsonObject &before,
        const QJsonObject &after);
    /// Shows the bar for a point whose vector should be computed from text.
    void offerText(const QString &collection, const PointId &id, const QString &text);

    QString collection() const { return m_collection; }
    PointId pointId() const { return m_id; }
    /// The text the vector will be computed from.
    QString text() const { return m_text; }
    bool isBusy() const { return m_busy; }
    /// The bar's sentence: the question, the progress or the error.
    QString messageText() const;
    QPushButton *reembedButton() const { return m_reembedButton; }
    QPushButton *dismissButton() const { return m_dismissButton; }

public slots:
    /// Computes the point's vector again and replaces it on the server.
    void reembed();
    /// Hides the bar; the vector stays as it is.
    void dismiss();

signals:
    /// The server has the point's new vector; the bar is hidden.
    void reembedded(const QString &collection, const PointId &id);
    /// The user dismissed the bar.
    void dismissed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void runWith(Embedder *embedder, int generation);
    void updated(const QString &collection, const PointId &id);
    void failed(const QString &what, const NetError &error);
    void showFailure(const QString &text);
    void setBusy(bool busy);
    void applyTint();

    QPointer<ConsoleSession> m_session;
    QPointer<PointCuration> m_curation;
    QPointer<SecretStore> m_secrets;
    QString m_collection;
    PointId m_id;
    QString m_text;
    bool m_busy = false;
    bool m_error = false;
    int m_generation = 0; ///< bumped by each offer: a late answer for an older point is dropped
    QPointer<Embedder> m_embedder; ///< kept for the next point while the profile is the same
    ConnectionProfile m_embedderProfile;

    QLabel *m_icon;
    QLabel *m_message;
    QPushButton *m_reembedButton;
    QPushButton *m_dismissButton;
};
