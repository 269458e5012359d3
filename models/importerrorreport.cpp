#include "importerrorreport.h"

#include <QSaveFile>

namespace {

const QByteArray kHeader = "line\tfield\treason\n";

NetError fileError(const QString &message)
{
    NetError error;
    error.kind = NetError::Kind::LocalFile;
    error.message = message;
    return error;
}

QByteArray escaped(const QString &text)
{
    QByteArray out;
    const QByteArray utf8 = text.toUtf8();
    out.reserve(utf8.size());
    for (char c : utf8) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\t')
            out += "\\t";
        else if (c == '\n')
            out += "\\n";
        else if (c == '\r')
            out += "\\r";
        else
            out += c;
    }
    return out;
}

QString unescaped(const QByteArray &text)
{
    QByteArray out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) != '\\' || i + 1 == text.size()) {
            out += text.at(i);
            continue;
        }
        const char next = text.at(++i);
        out += next == 't' ? '\t' : next == 'n' ? '\n' : next == 'r' ? '\r' : next;
    }
    return QString::fromUtf8(out);
}

QByteArray lineOf(const ImportRowError &error)
{
    return QByteArray::number(error.line) + '\t' + escaped(error.field) + '\t'
        + escaped(error.reason) + '\n';
}

} // namespace

QString ImportErrorReport::pathFor(const QString &sourcePath)
{
    return sourcePath + QStringLiteral(".errors.tsv");
}

Result<bool> ImportErrorReport::open(const QString &path, qint64 keepBeforeLine)
{
    close();
    m_path = path;
    m_count = 0;
    QList<ImportRowError> kept;
    if (keepBeforeLine > 0 && QFile::exists(path)) {
        const Result<QList<ImportRowError>> old = read(path);
        if (old.ok()) {
            for (const ImportRowError &error : old.value()) {
                if (error.line < keepBeforeLine)
                    kept.append(error);
            }
        }
    }
    // Rewritten atomically first, so a crash right here keeps the old report whole.
    QSaveFile fresh(path);
    if (!fresh.open(QIODevice::WriteOnly))
        return fileError(tr("The error report %1 can't be written: %2")
                             .arg(path, fresh.errorString()));
    fresh.write(kHeader);
    for (const ImportRowError &error : kept)
        fresh.write(lineOf(error));
    if (!fresh.commit())
        return fileError(tr("The error report %1 can't be written: %2")
                             .arg(path, fresh.errorString()));
    m_count = kept.size();
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append))
        return fileError(tr("The error report %1 can't be written: %2")
                             .arg(path, m_file.errorString()));
    return true;
}

void ImportErrorReport::append(const ImportRowError &error)
{
    if (!m_file.isOpen())
        return;
    m_file.write(lineOf(error));
    ++m_count;
    if (++m_unflushed >= 64)
        flush();
}

void ImportErrorReport::flush()
{
    if (m_file.isOpen())
        m_file.flush();
    m_unflushed = 0;
}

void ImportErrorReport::close()
{
    if (!m_file.isOpen())
        return;
    m_file.close();
    m_unflushed = 0;
    if (m_count == 0)
        QFile::remove(m_path);
}

Result<QList<ImportRowError>> ImportErrorReport::read(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fileError(tr("The error report %1 can't be read: %2")
                             .arg(path, file.errorString()));
    QList<ImportRowError> errors;
    const QByteArray header = file.readLine();
    if (header != kHeader) {
        NetError error = fileError(tr("%1 is not an import error report").arg(path));
        error.kind = NetError::Kind::Invalid;
        return error;
    }
    while (!file.atEnd()) {
        QByteArray line = file.readLine();
        if (line.endsWith('\n'))
            line.chop(1);
        const QList<QByteArray> cells = line.split('\t');
        if (cells.size() != 3)
            continue; // a line cut short by a crash: its row is found again on resume
        errors.append({cells.at(0).toLongLong(), unescaped(cells.at(1)), unescaped(cells.at(2))});
    }
    return errors;
}
