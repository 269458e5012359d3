// embedder_bench: what embedding costs on the console's side.
//   1. LocalEmbedder: microseconds per text by text length and dimension (one thread).
//   2. parseEmbeddingsResponse: an OpenAI answer of 256 × 1536 floats, as JSON and as base64.
//   3. OpenAiEmbedder end to end against FakeOpenAiServer on loopback (HttpTransport, batches of
//      256, 2 in flight): texts per second with no model latency, i.e. the client's ceiling.
// Usage: embedder_bench [--texts N]
#include "benchutil.h"
#include "embeddingsresponse.h"
#include "fakeopenaiserver.h"
#include "httptransport.h"
#include "localembedder.h"
#include "openaiembedder.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>
#include <cstring>

namespace {

QString sentence(int i, int words)
{
    static const char *const vocabulary[]
        = {"spot", "instances", "nightly", "batch", "migration", "rollout", "customer", "prefers",
            "gradual", "validation", "latency", "vllm", "cache", "memory", "reserved", "capacity",
            "savings", "interruptions", "fallback", "pool", "postgres", "right-sizing", "m5.xlarge",
            "gpu", "prefill", "throughput", "regression", "cost", "steady", "workload"};
    const int size = int(sizeof vocabulary / sizeof *vocabulary);
    QStringList out;
    for (int w = 0; w < words; ++w)
        out << QString::fromLatin1(vocabulary[(i * 7 + w * 13 + w * w) % size]);
    return out.join(QLatin1Char(' ')) + QStringLiteral(" #%1").arg(i);
}

void benchLocal(int count)
{
    std::printf("\nLocalEmbedder (one thread, %d texts each)\n", count);
    std::printf("%-10s %-8s %-10s %12s\n", "words", "chars", "dimension", "us/text");
    for (int words : {6, 16, 150}) {
        QStringList texts;
        for (int i = 0; i < count; ++i)
            texts << sentence(i, words);
        qsizetype chars = 0;
        for (const QString &text : texts)
            chars += text.size();
        for (int dimension : {384, 1536}) {
            LocalEmbedder::embedSync(texts.mid(0, 100), dimension); // warm-up
            QElapsedTimer timer;
            timer.start();
            const Result<Embeddings> result = LocalEmbedder::embedSync(texts, dimension);
            const double us = double(timer.nsecsElapsed()) / 1000.0 / double(count);
            if (!result.ok())
                qFatal("embedSync failed: %s", qPrintable(result.error().message));
            std::printf(
                "%-10d %-8lld %-10d %12.1f\n", words, (long long)(chars / count), dimension, us);
        }
    }
}

void benchParse()
{
    constexpr int Count = 256;
    constexpr int Dimension = 1536;
    std::mt19937_64 rng(7);
    std::string json = "{\"object\":\"list\",\"data\":[";
    std::string base64 = json;
    for (int i = 0; i < Count; ++i) {
        const std::vector<float> v = bench::embedding(rng, Dimension);
        const std::string head = std::string(i ? "," : "")
            + "{\"object\":\"embedding\",\"index\":" + std::to_string(i) + ",\"embedding\":";
        json += head;
        bench::appendFloatArray(json, v);
        json += '}';
        QByteArray raw(reinterpret_cast<const char *>(v.data()), qsizetype(v.size() * 4));
        base64 += head + '"' + raw.toBase64().toStdString() + "\"}";
    }
    const std::string tail = "],\"model\":\"text-embedding-3-small\",\"usage\":"
                             "{\"prompt_tokens\":1,\"total_tokens\":1}}";
    json += tail;
    base64 += tail;

    std::printf("\nparseEmbeddingsResponse (%d vectors x %d floats)\n", Count, Dimension);
    std::printf("%-8s %10s %10s %10s\n", "format", "MB", "ms", "MB/s");
    for (const auto &[name, body] : {std::pair {"JSON", &json}, std::pair {"base64", &base64}}) {
        const QByteArray bytes = QByteArray::fromStdString(*body);
        std::vector<double> samples;
        for (int run = 0; run < 7; ++run) {
            const auto start = bench::Clock::now();
            const Result<Embeddings> result = parseEmbeddingsResponse(bytes, Count, Dimension);
            samples.push_back(bench::millisSince(start));
            if (!result.ok())
                qFatal("parse failed: %s", qPrintable(result.error().message));
        }
        const double ms = bench::median(samples);
        const double mb = double(bytes.size()) / 1e6;
        std::printf("%-8s %10.2f %10.1f %10.0f\n", name, mb, ms, mb / (ms / 1000.0));
    }
}

void benchEndToEnd(int count)
{
    FakeOpenAiServer server;
    if (!server.listen())
        qFatal("cannot listen on 127.0.0.1");
    HttpTransport transport;
    OpenAiEmbedderConfig config;
    config.url = server.baseUrl();
    config.model = QStringLiteral("text-embedding-3-small");
    config.dimensions = 1536;
    config.apiKey = QStringLiteral("mc-test-secret-bench");
    OpenAiEmbedder embedder(&transport, config);
    QStringList texts;
    for (int i = 0; i < count; ++i)
        texts << sentence(i, 16);

    QElapsedTimer timer;
    timer.start();
    EmbedCall *call = embedder.embed(texts);
    bool ok = false;
    QObject::connect(call, &EmbedCall::finished, qApp, [&](const Result<Embeddings> &result) {
        ok = result.ok();
        if (!ok)
            std::printf("failed: %s\n", qPrintable(result.error().message));
        QCoreApplication::quit();
    });
    QCoreApplication::exec();
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    // The fake server writes its JSON on the same thread, so this is a floor, not the client alone.
    std::printf("\nOpenAiEmbedder -> FakeOpenAiServer on loopback (1536 dims, batches of 256, "
                "2 in flight; server on the same thread)\n");
    std::printf("%-8s %-9s %10s %12s\n", "texts", "requests", "ms", "texts/s");
    std::printf("%-8d %-9d %10.0f %12.0f%s\n", count, server.requestCount(), ms,
        double(count) / (ms / 1000.0), ok ? "" : "  (failed)");
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int count = 2000;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--texts") == 0 && i + 1 < argc) {
            count = std::atoi(argv[++i]);
        } else {
            std::fprintf(stderr, "usage: %s [--texts N]\n", argv[0]);
            return 2;
        }
    }
    benchLocal(count);
    benchParse();
    benchEndToEnd(count);
    return 0;
}
