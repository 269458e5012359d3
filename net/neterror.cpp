#include "neterror.h"

QString NetError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Network: return QStringLiteral("network");
    case Kind::Timeout: return QStringLiteral("timeout");
    case Kind::Tls: return QStringLiteral("tls");
    case Kind::Http: return QStringLiteral("http");
    case Kind::Decode: return QStringLiteral("decode");
    case Kind::Cancelled: return QStringLiteral("cancelled");
    case Kind::Invalid: return QStringLiteral("invalid");
    case Kind::NoKeyring: return QStringLiteral("no-keyring");
    case Kind::KeychainDenied: return QStringLiteral("keychain-denied");
    case Kind::Keychain: return QStringLiteral("keychain");
    case Kind::LocalFile: return QStringLiteral("local-file");
    }
    return {};
}
