#pragma once

#include <QByteArray>
#include <QDirIterator>
#include <QFile>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QUuid>

/// A fresh API key for one test run; every test key starts with "mc-test-secret-" so a leak is
/// easy to grep for.
inline QString makeTestSecret()
{
    return QStringLiteral("mc-test-secret-") + QUuid::createUuid().toString(QUuid::Id128);
}

/// Regular files under dir (hidden ones included) whose bytes hold needle as UTF-8, UTF-16 or
/// percent-encoded text: the proof that a key was not written in plain text.
inline QStringList filesContaining(const QString &dir, const QString &needle)
{
    const QList<QByteArray> forms = {
        needle.toUtf8(),
        QByteArray(reinterpret_cast<const char *>(needle.utf16()), needle.size() * 2),
        QUrl::toPercentEncoding(needle),
    };
    QStringList hits;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::NoSymLinks,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = file.readAll();
        for (const QByteArray &form : forms) {
            if (bytes.contains(form)) {
                hits << file.fileName();
                break;
            }
        }
    }
    return hits;
}
