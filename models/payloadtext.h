#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

#include <optional>

/// The outcome of reading a payload typed as JSON: the object, or where and why it is not one.
struct PayloadTextParse
{
    std::optional<QJsonObject> payload; ///< set when the text is one JSON object
    int line = 0;                       ///< 1-based line of the error
    int column = 0;                     ///< 1-based column (in characters) of the error
    qsizetype position = -1;            ///< character offset of the error in the text
    QString message;                    ///< what is wrong, for the user
};

/// A payload as text in the raw-JSON mode of the payload editor, and back.
class PayloadText final
{
    Q_DECLARE_TR_FUNCTIONS(PayloadText)

public:
    /// payload as indented JSON.
    static QString format(const QJsonObject &payload);
    /// Reads text as a payload: one JSON object whose objects name each key once (JSON
    /// parsers keep only the last of a repeated key, which would silently lose an edit).
    static PayloadTextParse parse(const QString &text);
};
