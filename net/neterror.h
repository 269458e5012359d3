#pragma once

#include <QMetaType>
#include <QString>

/// Why a call to a server failed. `net/` reports errors as values; panes show message().
struct NetError
{
    enum class Kind {
        Network,   ///< refused, reset, host not found, ...
        Timeout,   ///< no complete answer within the transfer timeout
        Tls,       ///< certificate or handshake failure
        Http,      ///< an HTTP error status; serverMessage holds Qdrant's `status.error`
        Decode,    ///< the answer was not what the API promises (not JSON, truncated, ...)
        Cancelled, ///< cancelled by the caller
        Invalid,   ///< refused before sending: bad input (wrong dimension, read-only profile, ...)
        NoKeyring, ///< no OS keychain to keep a secret in (no Secret Service, D-Bus unreachable)
        KeychainDenied, ///< the keychain is there but refused (locked, access denied)
        Keychain,  ///< any other keychain failure
        LocalFile, ///< a local file (settings, journal, export) could not be read or written
    };

    Kind kind = Kind::Network;
    int httpStatus = 0;         ///< for Kind::Http
    QString message;            ///< a sentence for the user, names what failed
    QString serverMessage;      ///< Qdrant's `status.error` text, when the server sent one
    int retryAfterMs = -1;      ///< from a Retry-After header, when present

    static QString kindName(Kind kind);
};

Q_DECLARE_METATYPE(NetError)
