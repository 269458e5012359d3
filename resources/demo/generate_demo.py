#!/usr/bin/env python3
"""Writes the demo dataset of Memory Console (resources/demo/*.jsonl) from the scenarios below.

Deterministic: the same script writes the same files (fixed seed, UUIDv5 ids), so a change of
the data shows up as a reviewable diff. Run from anywhere:  python3 resources/demo/generate_demo.py

What is hand-written and what is drawn: every sentence below was written for this dataset
(workloads, reasons, lessons, fixes, customer notes). The script picks which scenario happens
to which tenant and when, draws the figures (savings, latencies, dates) from ranges that differ
by outcome, optimisation type, cloud provider, service type and model, and fills the few
figures into the sentences, so the charts have real distributions to show. No vectors: the
console computes them at import with its offline LocalEmbedder.
"""

import json
import random
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
NS = uuid.UUID("5b1f3c1e-9a5d-4c7e-8f00-6d656d6f7279")  # fixed namespace for UUIDv5 ids
rng = random.Random(20240601)

START = datetime(2024, 6, 3, tzinfo=timezone.utc)
END = datetime(2025, 11, 28, tzinfo=timezone.utc)

TENANTS = [
    {
        "customer_id": str(uuid.uuid5(NS, "northwind-logistics")),
        "name": "Northwind Logistics",
        "industry": "freight routing and warehouse planning",
        "layout": "shared",
        "clouds": {"aws": 0.8, "gcp": 0.2, "azure": 0.0},
        "risk": 0.9,  # scales the chance of trouble
        "weight": 1.2,
    },
    {
        "customer_id": str(uuid.uuid5(NS, "helios-health-analytics")),
        "name": "Helios Health Analytics",
        "industry": "clinical-trial analytics under HIPAA",
        "layout": "shared",
        "clouds": {"aws": 0.15, "gcp": 0.0, "azure": 0.85},
        "risk": 1.25,
        "weight": 1.0,
    },
    {
        "customer_id": str(uuid.uuid5(NS, "quillfeather-media")),
        "name": "Quillfeather Media",
        "industry": "video transcoding and a reader-facing assistant",
        "layout": "shared",
        "clouds": {"aws": 0.1, "gcp": 0.8, "azure": 0.1},
        "risk": 1.0,
        "weight": 1.0,
    },
    {
        "customer_id": str(uuid.uuid5(NS, "arcadia-retail-group")),
        "name": "Arcadia Retail Group",
        "industry": "e-commerce with seasonal peaks",
        "layout": "collection_per_tenant",
        "clouds": {"aws": 0.55, "gcp": 0.45, "azure": 0.0},
        "risk": 1.1,
        "weight": 0.9,
    },
]

INSTANCES = {
    "aws": {
        "compute": ["c6i.2xlarge", "c6i.4xlarge", "c7g.2xlarge", "c5.4xlarge"],
        "general": ["m5.xlarge", "m5.2xlarge", "m6i.2xlarge", "m6i.4xlarge", "m7g.xlarge"],
        "memory": ["r5.2xlarge", "r6i.4xlarge", "r6g.2xlarge"],
        "gpu": ["g5.2xlarge", "g5.12xlarge", "p4d.24xlarge", "g6.4xlarge"],
    },
    "gcp": {
        "compute": ["c2-standard-8", "c2-standard-16", "c3-standard-8"],
        "general": ["n2-standard-4", "n2-standard-8", "e2-standard-8", "n2d-standard-16"],
        "memory": ["n2-highmem-8", "m1-ultramem-40"],
        "gpu": ["g2-standard-8", "a2-highgpu-1g", "a2-highgpu-4g"],
    },
    "azure": {
        "compute": ["Standard_F8s_v2", "Standard_F16s_v2"],
        "general": ["Standard_D4s_v5", "Standard_D8s_v5", "Standard_D16as_v5"],
        "memory": ["Standard_E8s_v5", "Standard_E16s_v5"],
        "gpu": ["Standard_NC24ads_A100_v4", "Standard_NV36ads_A10_v5"],
    },
}

# Savings ranges (percent) on success, per optimisation type and provider: spot discounts are
# deepest on AWS, reservations pay most on Azure (hybrid benefit), right-sizing is cloud-blind.
SAVINGS = {
    "spot_migration": {"aws": (48, 72), "gcp": (52, 68), "azure": (38, 60)},
    "reserved_instance": {"aws": (24, 38), "gcp": (20, 31), "azure": (30, 44)},
    "right_sizing": {"aws": (14, 36), "gcp": (12, 33), "azure": (15, 34)},
}
# Monthly spend of the fleet touched, in dollars.
SPEND = {"spot_migration": (6000, 42000), "reserved_instance": (15000, 120000),
         "right_sizing": (3000, 28000)}

# Cost scenarios: the workload, why the agent decided, and what went wrong when it did.
# {n}, {util}, {peak}, {hours}, {inst} are filled with drawn figures.
COST_SCENARIOS = {
    "spot_migration": [
        {
            "family": "compute",
            "workload": "Nightly route-optimisation batch: {n} workers, checkpointed every 5 "
                        "minutes, runs 01:00-05:00 UTC, no user waiting on it.",
            "context": "Migrate the nightly route-optimisation batch to spot: the {n} {inst} "
                       "workers checkpoint every 5 minutes, the job has a 4-hour window and "
                       "finished in {hours} hours on average over the last 30 nights, so an "
                       "interruption costs at most one checkpoint interval.",
            "risk": 0.15,
            "fail": "Spot capacity for {inst} in the chosen zone dried up three nights in a "
                    "row; the batch missed its 05:00 deadline twice.",
            "lesson_ok": "Checkpointed batch work with slack in its window is the safest spot "
                         "candidate; diversify across at least three instance types.",
            "lesson_bad": "One instance type in one zone is not a spot strategy: use a "
                          "capacity-optimised allocation over several types and zones before "
                          "migrating a job with a hard deadline.",
        },
        {
            "family": "general",
            "workload": "CI runners for {n} repositories; builds are retried automatically; "
                        "peak {peak} concurrent jobs at 10:00 local time.",
            "context": "Move the CI runner pool to spot instances: builds are idempotent and "
                       "retried by the pipeline, the pool idles at {util}% average CPU, and "
                       "on-demand {inst} runners cost more than the rest of the staging "
                       "account combined.",
            "risk": 0.1,
            "fail": "Interruptions during release-branch builds doubled the median pipeline "
                    "time; developers started pinning jobs to the last on-demand runners.",
            "lesson_ok": "Retryable CI work is a natural spot fit; keep a small on-demand floor "
                         "for release branches.",
            "lesson_bad": "Retries hide interruptions from the metrics but not from people: "
                          "measure queue time per branch before calling a spot rollout safe.",
        },
        {
            "family": "compute",
            "workload": "Video transcoding farm: {n} nodes fed from a queue, each job 2-12 "
                        "minutes, bursts after publishing deadlines at {peak} jobs per minute.",
            "context": "Transcoding jobs are short, queued and restartable, so run the farm on "
                       "spot {inst} with the queue as the buffer: {util}% of the on-demand "
                       "fleet's hours are spent waiting for work outside the publishing "
                       "bursts.",
            "risk": 0.2,
            "fail": "During an election-night burst spot prices spiked above on-demand and "
                    "the queue backed up for 40 minutes; editors missed a live slot.",
            "lesson_ok": "Queue-fed jobs under 15 minutes tolerate spot well; set the maximum "
                         "price at the on-demand rate and let the queue absorb interruptions.",
            "lesson_bad": "Known news peaks need reserved or on-demand headroom: spot "
                          "capacity is scarcest exactly when everyone bursts.",
        },
        {
            "family": "memory",
            "workload": "Stateful Spark cluster for the monthly claims reconciliation; "
                        "shuffle-heavy stages of {hours} hours; {n} executors.",
            "context": "Put the Spark executors of the claims reconciliation on spot: the "
                       "cluster runs {hours} hours a month on {n} {inst} executors and the "
                       "driver stays on-demand.",
            "risk": 0.55,
            "fail": "Losing executors mid-shuffle forced whole stages to recompute; the run "
                    "took 3.4x longer and cost more than on-demand.",
            "lesson_ok": "It worked because shuffle data went to external storage; without "
                         "that, spot and long shuffles do not mix.",
            "lesson_bad": "Shuffle-heavy stages without external shuffle storage lose far more "
                          "than the spot discount when an executor goes; workload too variable "
                          "for spot.",
        },
        {
            "family": "general",
            "workload": "Customer-facing API autoscaling group, {n} instances baseline, "
                        "latency SLO 250 ms P95, traffic peak {peak} rps.",
            "context": "Blend spot into the API autoscaling group above the baseline: the "
                       "group scales from {n} to {peak_n} {inst} instances every afternoon and "
                       "the extra capacity only serves the peak.",
            "risk": 0.45,
            "fail": "Two interruption waves during the afternoon peak pushed P95 latency to "
                    "900 ms and breached the SLO; the change was reverted the same day.",
            "lesson_ok": "Spot above an on-demand baseline works for stateless APIs when the "
                         "group drains instances on the two-minute notice.",
            "lesson_bad": "Without draining on the interruption notice, spot capacity under a "
                          "latency SLO turns every reclaim into user-visible errors.",
        },
        {
            "family": "gpu",
            "workload": "Embedding backfill for the search index: {n} GPU workers, resumable "
                        "by document offset, no deadline.",
            "context": "Run the embedding backfill on spot GPUs: it is resumable from the last "
                       "committed document offset, has no deadline, and on-demand {inst} for "
                       "the estimated {hours} GPU-hours would cost more than the quarter's "
                       "inference budget.",
            "risk": 0.2,
            "fail": "GPU spot capacity was unavailable for days at a time; the backfill "
                    "stalled at 38% and the team moved it back to on-demand.",
            "lesson_ok": "Resumable GPU batch work is the best spot case there is; checkpoint "
                         "the offset after every shard.",
            "lesson_bad": "GPU spot is far scarcer than CPU spot: check a week of capacity "
                          "history for the type before planning a backfill around it.",
        },
    ],
    "reserved_instance": [
        {
            "family": "general",
            "workload": "Steady web and worker tier, {n} instances, {util}% average CPU, "
                        "usage flat within 8% for 12 months.",
            "context": "Buy one-year reservations for the steady web tier: {n} {inst} have run "
                       "24/7 for a year with usage flat within 8%, and the roadmap has no "
                       "migration planned for the next 12 months.",
            "risk": 0.08,
            "fail": "A re-platforming to containers announced two months later left 40% of "
                    "the reservations unused.",
            "lesson_ok": "A year of flat usage plus a roadmap check is enough evidence for a "
                         "one-year commitment.",
            "lesson_bad": "Ask engineering about planned migrations, not only finance about "
                          "budgets, before committing.",
        },
        {
            "family": "memory",
            "workload": "Primary database replicas, {n} nodes, memory-bound, never scaled "
                        "down.",
            "context": "Reserve the database replica fleet: {n} {inst} are memory-bound, have "
                       "never scaled below this size, and a three-year convertible "
                       "reservation keeps the option to change family.",
            "risk": 0.05,
            "fail": "The database moved to a managed service mid-term; the convertible "
                    "reservations could only partly be exchanged.",
            "lesson_ok": "Databases are the most predictable spend; convertible terms cost a "
                         "few points of discount and buy flexibility.",
            "lesson_bad": "Managed-service migrations void instance reservations; check the "
                          "data platform roadmap first.",
        },
        {
            "family": "compute",
            "workload": "Analytics cluster sized for month-end close: {n} nodes, {util}% "
                        "utilised outside the last week of the month.",
            "context": "Reserve the analytics cluster at its month-end size: {n} {inst} run "
                       "all month although utilisation is {util}% outside the close week; "
                       "finance asked for a predictable bill.",
            "risk": 0.4,
            "fail": "Reserving the peak size locked in three weeks a month of idle capacity; "
                    "right-sizing first would have saved more than the reservation.",
            "lesson_ok": "Reserve only the baseline and cover month-end with on-demand; it "
                         "kept the bill predictable without paying for idle weeks.",
            "lesson_bad": "Reserve the floor, not the peak: right-size before committing.",
        },
        {
            "family": "gpu",
            "workload": "Inference fleet for the assistant: {n} GPU nodes, traffic grew "
                        "{util}% quarter on quarter.",
            "context": "Commit to a one-year GPU reservation for the inference fleet: {n} "
                       "{inst} have been saturated since launch and demand grew {util}% last "
                       "quarter, so on-demand capacity is both dear and hard to get.",
            "risk": 0.3,
            "fail": "A smaller quantised model halved the GPU need three months in; half of "
                    "the reserved GPUs sat idle.",
            "lesson_ok": "Reserving GPUs also secures capacity, which mattered more than the "
                         "discount during the shortage.",
            "lesson_bad": "Model efficiency work moves faster than a one-year term: reserve "
                          "only what the most efficient planned model needs.",
        },
        {
            "family": "general",
            "workload": "Kubernetes node pool for internal tools, {n} nodes, stable for 9 "
                        "months.",
            "context": "Cover the internal-tools node pool with a savings plan instead of "
                       "instance reservations: {n} {inst} nodes have been stable for nine "
                       "months, but the platform team wants to change instance families.",
            "risk": 0.12,
            "fail": "The commitment was sized on a month with a migration running in "
                    "parallel; steady usage turned out 30% lower.",
            "lesson_ok": "Compute savings plans keep most of the discount and none of the "
                         "instance lock-in.",
            "lesson_bad": "Size commitments on the lowest steady month, not the last month.",
        },
    ],
    "right_sizing": [
        {
            "family": "general",
            "workload": "Order service, {n} instances, {util}% average CPU and 31% memory at "
                        "peak.",
            "context": "Right-size the order service from {inst} to the next size down: "
                       "{util}% average CPU and 31% memory at the weekly peak over 60 days, "
                       "with no latency regression in a canary of two instances.",
            "risk": 0.12,
            "fail": "The JVM heap was sized for the old instance; the smaller nodes swapped "
                    "under the Monday peak.",
            "lesson_ok": "A two-instance canary through one weekly peak is enough evidence for "
                         "a one-step downsize.",
            "lesson_bad": "Downsizing a JVM service needs the heap settings changed in the same "
                          "release; CPU headroom is not the only limit.",
        },
        {
            "family": "memory",
            "workload": "Redis cache cluster, {n} nodes, 22% memory used, evictions zero.",
            "context": "Shrink the cache cluster: {n} {inst} nodes hold 22% of their memory "
                       "with zero evictions in 90 days; the data set grows 2% a month.",
            "risk": 0.1,
            "fail": "Key expiry was turned off by a team the agent did not know of; the "
                    "smaller cluster started evicting session keys.",
            "lesson_ok": "Cache clusters with stable working sets are over-provisioned more "
                         "often than anything else.",
            "lesson_bad": "Check eviction policy and TTLs with the owning team before shrinking "
                          "a shared cache.",
        },
        {
            "family": "compute",
            "workload": "Report generator, {n} instances, bursts to 95% CPU for 10 minutes "
                        "each hour, {util}% average.",
            "context": "Downsize the report generators: average CPU is only {util}%, but the "
                       "hourly bursts reach 95% for ten minutes on {inst}.",
            "risk": 0.5,
            "fail": "The hourly bursts now ran 2.5x longer and reports missed the 15-minute "
                    "freshness target.",
            "lesson_ok": "Moving the bursts to a queue first made the downsize safe.",
            "lesson_bad": "Average CPU hides bursty work: look at the P95 of CPU over the "
                          "burst window, not the daily mean.",
        },
        {
            "family": "gpu",
            "workload": "Evaluation jobs on {n} GPU nodes, GPU memory 35% used, runs "
                        "nightly.",
            "context": "Move nightly evaluation jobs from {inst} to a smaller GPU: they use 35% "
                       "of GPU memory and {util}% of GPU time.",
            "risk": 0.2,
            "fail": "A new evaluation suite with 32k-token prompts ran out of GPU memory on "
                    "the smaller cards.",
            "lesson_ok": "Evaluation jobs rarely need the serving GPU; a smaller card halves "
                         "their cost.",
            "lesson_bad": "Leave GPU memory headroom for growing context lengths; evaluation "
                          "suites change faster than serving.",
        },
        {
            "family": "general",
            "workload": "Staging environment mirroring production: {n} instances, {util}% "
                        "average CPU, used in office hours.",
            "context": "Right-size staging and stop it out of office hours: {n} {inst} mirror "
                       "production sizes while staging runs at {util}% CPU and nobody uses it "
                       "at night.",
            "risk": 0.06,
            "fail": "Load tests run at night by the performance team broke on the schedule; "
                    "the change was rolled back until they moved.",
            "lesson_ok": "Staging rarely needs production sizes; schedules save as much as the "
                         "downsize.",
            "lesson_bad": "Ask who uses an environment at night before scheduling it off.",
        },
    ],
}

# Why the agent looked at the fleet at all; appended to the decision context.
TRIGGERS = [
    "Flagged by the monthly cost anomaly report.",
    "Follows the customer's request to cut compute spend by 15% this quarter.",
    "Raised in the FinOps review after the bill grew {util}% month on month.",
    "Proposed after a similar change succeeded for another team of the same customer.",
    "The owning team asked for it after their budget was cut.",
    "Found while reviewing idle capacity before the renewal of the enterprise agreement.",
    "",
    "",
]

FEEDBACK = {
    "success": [
        "Finance confirmed the saving on the next invoice.",
        "The platform team asked to apply the same change to the EU region.",
        "No complaints from the service owners; they want a monthly report of the savings.",
        "Customer was pleased, but asked to be told before the next change, not after.",
        "",
        "",
    ],
    "failed": [
        "The on-call engineer was paged twice; the customer wants a review before the next "
        "attempt.",
        "Customer asked for a written post-mortem and a risk score on future proposals.",
        "Team lead: good idea, wrong workload.",
    ],
    "rolled_back": [
        "Customer appreciated the quick rollback and the clear explanation.",
        "They want a longer canary next time: at least one full weekly peak.",
        "Rollback was clean; the customer is open to retrying with a staged rollout.",
    ],
}

MODELS = {
    "vllm": ["meta-llama/Llama-3.1-8B-Instruct", "meta-llama/Llama-3.1-70B-Instruct",
             "Qwen/Qwen2.5-32B-Instruct", "mistralai/Mistral-7B-Instruct-v0.3"],
    "tgi": ["meta-llama/Llama-3.1-8B-Instruct", "mistralai/Mixtral-8x7B-Instruct-v0.1",
            "mistralai/Mistral-7B-Instruct-v0.3"],
    "sglang": ["meta-llama/Llama-3.1-70B-Instruct", "Qwen/Qwen2.5-32B-Instruct",
               "deepseek-ai/DeepSeek-V2-Lite-Chat"],
}
# Baseline P95 (ms) by model size; the fix's factor range comes from the pattern.
BASE_P95 = {"8B": (900, 2400), "7B": (800, 2100), "32B": (2200, 5200), "70B": (3400, 8800),
            "8x7B": (2600, 6100), "Lite": (1500, 3600)}

# Performance patterns: problem, solution, config per service type, factor range.
PERF_PATTERNS = [
    {
        "applied": "KV cache tuning",
        "problem": "P95 latency of {model} on {service} climbs from {good} ms to {before} ms "
                   "once more than {conc} requests are in flight; the scheduler log shows "
                   "sequences preempted and recomputed because the KV cache is full.",
        "solution": "Raised the share of GPU memory given to the KV cache and capped "
                    "concurrent sequences so that running requests are no longer preempted; "
                    "recomputation disappeared from the logs.",
        "config": {"vllm": {"gpu_memory_utilization": [0.82, 0.92], "max_num_seqs": [256, 128]},
                   "tgi": {"max_batch_total_tokens": [32000, 56000],
                           "max_concurrent_requests": [256, 160]},
                   "sglang": {"mem_fraction_static": [0.78, 0.88],
                              "max_running_requests": [256, 160]}},
        "factor": (1.8, 2.9),
        "side": "Throughput at very high concurrency dropped about 6% because excess requests "
                "now wait in the queue instead of being preempted.",
        "stability": (0.82, 0.95),
    },
    {
        "applied": "chunked prefill",
        "problem": "Long RAG prompts of {tokens} tokens stall every decoding stream on the same "
                   "replica of {model}: P95 time per request jumps to {before} ms whenever a "
                   "long prefill arrives.",
        "solution": "Enabled chunked prefill so long prompts are processed in slices "
                    "interleaved with decode steps; short chats no longer wait behind a "
                    "document-sized prefill.",
        "config": {"vllm": {"enable_chunked_prefill": [False, True],
                            "max_num_batched_tokens": [8192, 2048]},
                   "tgi": {"max_batch_prefill_tokens": [16384, 4096]},
                   "sglang": {"chunked_prefill_size": [-1, 4096]}},
        "factor": (1.6, 2.6),
        "side": "Time to first token of the longest prompts rose by about 15%.",
        "stability": (0.8, 0.93),
    },
    {
        "applied": "prefix caching",
        "problem": "Every request to {model} carries the same {tokens}-token system prompt and "
                   "tool schema; prefill dominates and P95 sits at {before} ms even at low "
                   "load.",
        "solution": "Turned on automatic prefix caching so the shared system prompt is "
                    "computed once and reused across requests; the hit rate settled at 87%.",
        "config": {"vllm": {"enable_prefix_caching": [False, True]},
                   "tgi": {"prefix_caching": [False, True]},
                   "sglang": {"disable_radix_cache": [True, False]}},
        "factor": (2.0, 3.8),
        "side": "Slightly higher memory use for the cache; none visible to users.",
        "stability": (0.86, 0.97),
    },
    {
        "applied": "tensor parallel layout",
        "problem": "{model} is sharded over 8 GPUs across two PCIe switches; all-reduce "
                   "traffic dominates each decode step and P95 reaches {before} ms.",
        "solution": "Served the model with tensor parallelism 4 on NVLink-connected GPUs and "
                    "two replicas instead of one replica over 8 GPUs.",
        "config": {"vllm": {"tensor_parallel_size": [8, 4], "replicas": [1, 2]},
                   "tgi": {"num_shard": [8, 4], "replicas": [1, 2]},
                   "sglang": {"tp_size": [8, 4], "dp_size": [1, 2]}},
        "factor": (1.4, 2.2),
        "side": "Each replica holds less KV cache; very long contexts need routing to "
                "dedicated replicas.",
        "stability": (0.75, 0.9),
    },
    {
        "applied": "FP8 quantisation",
        "problem": "{model} at 16-bit precision barely fits the GPUs; batches stay small and "
                   "P95 under the evening load is {before} ms.",
        "solution": "Served FP8 weights with an FP8 KV cache; the freed memory allows batches "
                    "three times larger. Offline evaluation showed no measurable quality loss "
                    "on the customer's test set.",
        "config": {"vllm": {"quantization": [None, "fp8"], "kv_cache_dtype": ["auto", "fp8"]},
                   "tgi": {"quantize": [None, "fp8"]},
                   "sglang": {"quantization": [None, "fp8"], "kv_cache_dtype": ["auto",
                                                                              "fp8_e5m2"]}},
        "factor": (1.5, 2.4),
        "side": "One evaluation prompt family (exact arithmetic) lost 1.5 points; flagged to "
                "the customer.",
        "stability": (0.7, 0.88),
    },
    {
        "applied": "speculative decoding",
        "problem": "Single-stream latency of {model} is too high for the voice assistant: "
                   "P95 of {before} ms for 200-token answers at low concurrency.",
        "solution": "Added a small draft model for speculative decoding (4 speculative "
                    "tokens); the acceptance rate on the customer's traffic is about 70%.",
        "config": {"vllm": {"speculative_model": [None, "draft-1B"],
                            "num_speculative_tokens": [0, 4]},
                   "tgi": {"speculate": [0, 4]},
                   "sglang": {"speculative_algorithm": [None, "EAGLE"],
                              "speculative_num_steps": [0, 4]}},
        "factor": (1.3, 2.0),
        "side": "Gains vanish above 32 concurrent requests; the draft model costs 2 GB of "
                "GPU memory.",
        "stability": (0.65, 0.85),
    },
    {
        "applied": "CUDA graph capture",
        "problem": "After an upgrade, {model} on {service} runs in eager mode; small-batch "
                   "decode steps are CPU-launch bound and P95 is {before} ms.",
        "solution": "Re-enabled CUDA graph capture for batch sizes up to 256 that had been "
                    "switched off while debugging the upgrade.",
        "config": {"vllm": {"enforce_eager": [True, False]},
                   "tgi": {"cuda_graphs": ["0", "1,2,4,8,16,32,64,128,256"]},
                   "sglang": {"disable_cuda_graph": [True, False]}},
        "factor": (1.3, 1.9),
        "side": "Startup takes 40 seconds longer while graphs are captured.",
        "stability": (0.88, 0.98),
    },
    {
        "applied": "request routing by prompt length",
        "problem": "A mix of short chat turns and {tokens}-token summarisation jobs shares "
                   "the same replicas of {model}; chat P95 rises to {before} ms whenever a "
                   "batch job runs.",
        "solution": "Routed prompts over 8k tokens to a dedicated replica pool in the "
                    "gateway; chat replicas keep small batches.",
        "config": {"vllm": {"router": ["round_robin", "prompt_length"],
                            "long_prompt_threshold": [None, 8192]},
                   "tgi": {"router": ["round_robin", "prompt_length"],
                           "long_prompt_threshold": [None, 8192]},
                   "sglang": {"router": ["round_robin", "cache_aware"],
                              "long_prompt_threshold": [None, 8192]}},
        "factor": (1.7, 3.1),
        "side": "The long-prompt pool idles at night; scheduled scale-down recommended.",
        "stability": (0.8, 0.94),
    },
    {
        "applied": "max tokens cap",
        "problem": "A few clients of {model} send requests without max_tokens; runaway "
                   "generations of 4,000 tokens hold batch slots and P95 reaches {before} "
                   "ms.",
        "solution": "Set a server-side default and ceiling for max_tokens and returned a clear "
                    "error above it; the worst offender fixed its client the same week.",
        "config": {"vllm": {"max_tokens_default": [None, 1024], "max_model_len": [32768, 16384]},
                   "tgi": {"max_new_tokens": [None, 1024], "max_total_tokens": [32768, 16384]},
                   "sglang": {"default_max_new_tokens": [None, 1024],
                              "context_length": [32768, 16384]}},
        "factor": (1.4, 2.3),
        "side": "One internal summariser needed its ceiling raised explicitly.",
        "stability": (0.9, 0.98),
    },
]
SERVICE_FACTOR = {"vllm": 1.0, "tgi": 0.88, "sglang": 1.12}

SIDE_EXTRA = [
    "", "", "Monitoring dashboards were updated with the new batch size.",
    "Cost per 1k tokens fell as a by-product.", "",
]

# Customer notes, written per tenant: (context_type, topic, priority, agents, content,
# source, examples, exceptions).
NOTES = {
    "Northwind Logistics": [
        ("preference", "rollout_strategy", "high", ["cost_agent", "performance_agent"],
         "Prefers 10%→25%→50%→100% rollout with 24-hour validation between steps; each step "
         "must be approved in the #infra-changes channel.", "explicit",
         "Spot migration of the routing batch went 10% → 100% over four nights.",
         "Security patches may skip the staged rollout."),
        ("constraint", "change_window", "critical", ["cost_agent", "performance_agent"],
         "No infrastructure changes between 15 November and 10 January: peak freight season "
         "and carrier contract renewals.", "explicit", "", "Emergency fixes approved by the "
         "VP of Engineering."),
        ("preference", "cost_reporting", "medium", ["cost_agent"],
         "Wants savings reported per business unit (Routing, Warehousing, Fleet) in the "
         "monthly FinOps review, in dollars, not percent.", "conversation", "", ""),
        ("constraint", "data_residency", "high", ["cost_agent"],
         "EU shipment data must stay in eu-central-1; cheaper regions are not an option for "
         "anything that touches it.", "explicit", "", "Anonymised aggregates may be "
         "processed in us-east-1."),
        ("historical_note", "spot_experience", "medium", ["cost_agent"],
         "The first spot attempt in 2023 (before the agent) failed on a single instance type; "
         "the team is now comfortable with spot for batch but wary for anything customer "
         "facing.", "conversation", "", ""),
        ("preference", "risk_tolerance", "high", ["cost_agent", "performance_agent"],
         "Moderate risk tolerance: accepts up to 2% error-rate increase during a canary, "
         "rolls back on anything more without asking.", "explicit", "", ""),
        ("historical_note", "reserved_capacity", "low", ["cost_agent"],
         "Holds a three-year compute savings plan covering about 60% of the baseline until "
         "March 2026; new commitments must not overlap it.", "observation", "", ""),
        ("constraint", "approval", "high", ["cost_agent"],
         "Any change above $5,000 a month of impact needs sign-off from Dana Whitfield "
         "(Head of Platform).", "explicit", "", ""),
        ("preference", "communication", "low", ["cost_agent", "performance_agent",
                                                 "application_agent"],
         "Prefers one weekly summary e-mail over individual notifications; urgent issues go "
         "to the on-call rota.", "conversation", "", ""),
        ("historical_note", "latency_sla", "medium", ["performance_agent"],
         "The driver ETA assistant has a 1.5 s P95 target agreed with the operations team; "
         "breaches are reviewed weekly.", "observation", "", ""),
        ("constraint", "instance_families", "medium", ["cost_agent"],
         "Graviton (arm64) is fine for stateless services but the routing solver depends on "
         "an x86-only library.", "observation", "c7g instances for the API tier.", ""),
        ("preference", "gpu_usage", "medium", ["performance_agent"],
         "Prefers to keep the ETA assistant on an 8B model and tune serving rather than move "
         "to a larger model.", "conversation", "", ""),
    ],
    "Helios Health Analytics": [
        ("constraint", "compliance", "critical", ["cost_agent", "performance_agent",
                                                   "application_agent"],
         "All workloads touching patient data run only on HIPAA-eligible services with a "
         "signed BAA; spot and preemptible capacity is allowed only for de-identified data.",
         "explicit", "De-identified cohort simulations may run on spot.", ""),
        ("preference", "rollout_strategy", "high", ["cost_agent", "performance_agent"],
         "Very conservative: one environment at a time (dev → validation → production) with "
         "a 72-hour soak in validation and a signed change record.", "explicit", "", ""),
        ("preference", "risk_tolerance", "critical", ["cost_agent"],
         "Low risk tolerance: would rather keep 10% waste than risk a validation-environment "
         "outage during a trial read-out.", "conversation", "", ""),
        ("constraint", "change_window", "high", ["cost_agent", "performance_agent"],
         "Changes only on Tuesdays and Wednesdays 18:00-22:00 CET; never in the two weeks "
         "before a database lock of a clinical trial.", "explicit", "", ""),
        ("historical_note", "reserved_capacity", "medium", ["cost_agent"],
         "Uses Azure Hybrid Benefit for SQL Server and Windows; reservations are bought "
         "through the central IT procurement, which needs six weeks' notice.", "observation",
         "", ""),
        ("preference", "cost_reporting", "medium", ["cost_agent"],
         "Savings must be mapped to grant and study codes; finance rejects reports without "
         "them.", "explicit", "Study HX-2201 and HX-2307 share the analytics cluster.", ""),
        ("historical_note", "incident", "high", ["cost_agent"],
         "A right-sizing of the validation SQL replicas in early 2025 caused a 3-hour "
         "slowdown during a trial read-out; since then every downsize needs a load test.",
         "observation", "", ""),
        ("constraint", "data_residency", "critical", ["cost_agent", "application_agent"],
         "EU trial data in West Europe only; US data in East US 2; no cross-region "
         "replication of identifiable data.", "explicit", "", ""),
        ("preference", "model_choice", "medium", ["performance_agent"],
         "The clinical summarisation assistant must stay on a self-hosted model; no external "
         "LLM APIs for anything derived from patient records.", "explicit", "", ""),
        ("historical_note", "latency_sla", "medium", ["performance_agent"],
         "Investigators accept up to 6 s for a protocol summary but expect search "
         "suggestions within 800 ms.", "conversation", "", ""),
        ("preference", "communication", "low", ["cost_agent", "performance_agent"],
         "Wants recommendations as a short memo with risk, rollback plan and affected studies; "
         "Dr. Imani Okafor reviews them on Mondays.", "explicit", "", ""),
    ],
    "Quillfeather Media": [
        ("preference", "rollout_strategy", "medium", ["cost_agent", "performance_agent"],
         "Happy with fast rollouts: canary on 5% for two hours, then 100% if error rates hold; "
         "they value speed over caution.", "explicit", "", "Never during live events."),
        ("constraint", "change_window", "critical", ["cost_agent", "performance_agent"],
         "Freeze during live events (elections, major sports finals); the events calendar is "
         "shared in the ops drive and updated monthly.", "explicit",
         "Election night 2024: full freeze from 12:00 to 06:00.", ""),
        ("preference", "risk_tolerance", "medium", ["cost_agent"],
         "High risk tolerance for batch transcoding, low for the reader-facing assistant and "
         "the paywall.", "conversation", "", ""),
        ("historical_note", "spot_experience", "high", ["cost_agent"],
         "Spot transcoding has run since 2024; one news-peak incident led them to keep 20% "
         "on-demand headroom during publishing hours.", "observation", "", ""),
        ("preference", "cost_reporting", "low", ["cost_agent"],
         "Reports savings per desk (news, sport, video) in a shared spreadsheet; wants the "
         "figures by the 5th of each month.", "explicit", "", ""),
        ("constraint", "budget", "high", ["cost_agent", "performance_agent"],
         "Cloud budget is capped at $180k a month; anything that raises spend needs a "
         "business case first.", "explicit", "", ""),
        ("preference", "model_choice", "medium", ["performance_agent"],
         "The reader assistant may use any open model with a permissive licence; they "
         "tested Qwen and Llama and prefer the tone of Llama.", "conversation", "", ""),
        ("historical_note", "latency_sla", "high", ["performance_agent"],
         "Reader assistant targets 1.2 s P95 for the first token and 4 s for a full answer; "
         "traffic triples in the hour after a newsletter goes out.", "observation", "", ""),
        ("constraint", "regions", "medium", ["cost_agent"],
         "Serving must stay in europe-west1 and us-east1 close to their CDN origins; batch can "
         "go anywhere.", "explicit", "", ""),
        ("preference", "communication", "low", ["cost_agent", "performance_agent",
                                                 "application_agent"],
         "Prefers Slack threads to e-mail; tag @platform-oncall for anything urgent.",
         "conversation", "", ""),
    ],
    "Arcadia Retail Group": [
        ("constraint", "change_window", "critical", ["cost_agent", "performance_agent"],
         "Code and infrastructure freeze from Black Friday minus 14 days to 2 January; also "
         "during the spring and summer sales weeks.", "explicit", "", ""),
        ("preference", "rollout_strategy", "high", ["cost_agent", "performance_agent"],
         "Prefers blue/green for the storefront and 10%→50%→100% for back-office services, "
         "with a one-business-day validation between steps.", "explicit", "", ""),
        ("preference", "risk_tolerance", "medium", ["cost_agent"],
         "Accepts aggressive savings on analytics and search indexing; the checkout path must "
         "never be touched without a load test at 3x normal traffic.", "conversation", "", ""),
        ("historical_note", "seasonality", "high", ["cost_agent", "performance_agent"],
         "Traffic is 4-6x normal from mid-November to late December; capacity decisions must "
         "be checked against last year's peak, not the last 30 days.", "observation", "", ""),
        ("constraint", "multi_cloud", "medium", ["cost_agent"],
         "Storefront on AWS, data platform on GCP after the 2024 migration; commitments must "
         "be bought per cloud with separate owners.", "explicit", "", ""),
        ("preference", "cost_reporting", "medium", ["cost_agent"],
         "Wants a quarterly savings report per brand (Arcadia Home, Arcadia Outdoor, "
         "Larkspur).", "explicit", "", ""),
        ("historical_note", "incident", "high", ["cost_agent", "performance_agent"],
         "A right-sizing of the search cluster in October 2024 was rolled back before the "
         "peak; since then search is sized for the peak all year.", "observation", "", ""),
        ("preference", "model_choice", "medium", ["performance_agent"],
         "The product Q&A assistant runs a 70B model for quality; they agreed to test a 32B "
         "model if P95 stays under 2 s.", "conversation", "", ""),
        ("constraint", "approval", "high", ["cost_agent"],
         "Commitments over $250k total need the CFO's approval; the agent may prepare the "
         "case but never buy.", "explicit", "", ""),
    ],
}


def pick_weighted(weights):
    items = [(k, w) for k, w in weights.items() if w > 0]
    total = sum(w for _, w in items)
    x = rng.random() * total
    for k, w in items:
        x -= w
        if x <= 0:
            return k
    return items[-1][0]


def random_date():
    # Activity grows over the 18 months (the agents were adopted gradually).
    span = (END - START).total_seconds()
    frac = rng.random() ** 0.75
    d = START + timedelta(seconds=span * frac)
    d = d.replace(hour=rng.choice([1, 2, 9, 10, 11, 14, 15, 16, 19, 21]),
                  minute=rng.choice([0, 5, 12, 20, 30, 41, 45, 55]), second=0, microsecond=0)
    return d


def iso(d):
    return d.strftime("%Y-%m-%dT%H:%M:%SZ")


def fill(text, **kw):
    return text.format(**kw)


def cost_records():
    out = []
    counts = {"Northwind Logistics": 52, "Helios Health Analytics": 40,
              "Quillfeather Media": 44, "Arcadia Retail Group": 38}
    type_weights = {"spot_migration": 0.42, "reserved_instance": 0.25, "right_sizing": 0.33}
    for tenant in TENANTS:
        for i in range(counts[tenant["name"]]):
            otype = pick_weighted(type_weights)
            scen = rng.choice(COST_SCENARIOS[otype])
            provider = pick_weighted(tenant["clouds"])
            inst = rng.choice(INSTANCES[provider][scen["family"]])
            n = rng.choice([4, 6, 8, 12, 16, 20, 24, 32, 48, 64])
            util = rng.randint(9, 38)
            hours = round(rng.uniform(1.8, 3.6), 1) if "batch" in scen["context"] else \
                rng.choice([6, 9, 14, 20, 36, 120, 400])
            kw = dict(n=n, util=util, peak=rng.choice([40, 80, 120, 300, 900, 2400]),
                      hours=hours, inst=inst, peak_n=n * rng.choice([2, 3]))
            p_bad = min(0.85, scen["risk"] * tenant["risk"] + 0.04)
            r = rng.random()
            if r < p_bad * 0.55:
                outcome = "failed"
            elif r < p_bad:
                outcome = "rolled_back"
            else:
                outcome = "success"
            spend = rng.uniform(*SPEND[otype]) * (n / 20) ** 0.5
            if outcome == "success":
                lo, hi = SAVINGS[otype][provider]
                savings = round(rng.triangular(lo, hi, (lo + hi) / 2), 1)
                impact = round(spend * savings / 100, 2)
                confidence = round(rng.uniform(0.7, 0.96), 2)
                lessons = fill(scen["lesson_ok"], **kw)
            else:
                savings = 0.0
                # A failure costs the incident and the rework; a rollback little.
                impact = round(-spend * rng.uniform(0.02, 0.12), 2) if outcome == "failed" \
                    else round(-spend * rng.uniform(0.0, 0.03), 2)
                confidence = round(rng.uniform(0.45, 0.8), 2)
                lessons = fill(scen["fail"], **kw) + " " + fill(scen["lesson_bad"], **kw)
            date = random_date()
            oid = uuid.uuid5(NS, f"cost/{tenant['name']}/{i}")
            payload = {
                "optimization_id": str(oid),
                "customer_id": tenant["customer_id"],
                "optimization_type": otype,
                "decision_context": (fill(scen["context"], **kw) + " "
                                     + fill(rng.choice(TRIGGERS), **kw)).strip(),
                "outcome": outcome,
                "savings_percent": savings,
                "cost_impact": impact,
                "execution_date": iso(date),
                "cloud_provider": provider,
                "instance_type": inst,
                "workload_characteristics": fill(scen["workload"], **kw),
                "lessons_learned": lessons,
                "confidence_score": confidence,
            }
            fb = rng.choice(FEEDBACK[outcome])
            if fb:
                payload["customer_feedback"] = fb
            out.append({"id": str(uuid.uuid5(NS, f"cost-point/{oid}")), "payload": payload})
    return out


def model_size(model):
    for key in ("8x7B", "70B", "32B", "8B", "7B", "Lite"):
        if key in model:
            return key
    return "8B"


def perf_records():
    out = []
    counts = {"Northwind Logistics": 26, "Helios Health Analytics": 30,
              "Quillfeather Media": 34, "Arcadia Retail Group": 30}
    services = {"Northwind Logistics": {"vllm": 0.7, "tgi": 0.3, "sglang": 0.0},
                "Helios Health Analytics": {"vllm": 0.3, "tgi": 0.7, "sglang": 0.0},
                "Quillfeather Media": {"vllm": 0.45, "tgi": 0.1, "sglang": 0.45},
                "Arcadia Retail Group": {"vllm": 0.5, "tgi": 0.15, "sglang": 0.35}}
    for tenant in TENANTS:
        for i in range(counts[tenant["name"]]):
            service = pick_weighted(services[tenant["name"]])
            model = rng.choice(MODELS[service])
            pat = rng.choice(PERF_PATTERNS)
            lo, hi = BASE_P95[model_size(model)]
            before = round(rng.uniform(lo, hi), 1)
            good = round(before / rng.uniform(2.2, 4.0))
            flo, fhi = pat["factor"]
            factor = rng.uniform(flo, fhi) * SERVICE_FACTOR[service]
            # A few fixes did little: they stay in memory so the agent does not repeat them.
            weak = rng.random() < 0.12
            if weak:
                factor = rng.uniform(0.95, 1.2)
            after = round(before / factor, 1)
            kw = dict(model=model.split("/")[-1], service=service, good=good, before=int(before),
                      conc=rng.choice([24, 32, 48, 64, 96]),
                      tokens=rng.choice([1800, 2600, 4200, 6000, 12000, 24000]))
            delta = pat["config"][service]
            config = {k: {"from": v[0], "to": v[1]} for k, v in delta.items()}
            side = pat["side"]
            extra = rng.choice(SIDE_EXTRA)
            if extra:
                side += " " + extra
            if weak:
                side = "Gain smaller than expected: the bottleneck was elsewhere (tokenisation " \
                       "on the gateway). " + side
            date = random_date()
            oid = uuid.uuid5(NS, f"perf/{tenant['name']}/{i}")
            solution = pat["solution"]
            payload = {
                "optimization_id": str(oid),
                "customer_id": tenant["customer_id"],
                "service_type": service,
                "model_name": model,
                "optimization_applied": pat["applied"],
                "problem_description": fill(pat["problem"], **kw),
                "solution_description": solution,
                "before_latency_p95": before,
                "after_latency_p95": after,
                "improvement_factor": round(before / after, 2) if after else 0,
                "config_changes": config,
                "side_effects": side,
                "execution_date": iso(date),
                "stability_score": round(rng.uniform(*pat["stability"]) - (0.2 if weak else 0),
                                         2),
                "replicable": (not weak) and rng.random() < 0.85,
            }
            out.append({"id": str(uuid.uuid5(NS, f"perf-point/{oid}")), "payload": payload})
    return out


def context_records(costs, perfs):
    out = []
    for tenant in TENANTS:
        name = tenant["name"]
        notes = NOTES[name]
        for i, (ctype, topic, prio, agents, content, source, examples, exceptions) in \
                enumerate(notes):
            created = random_date()
            updated = created + timedelta(days=rng.randint(0, 120))
            if updated > END:
                updated = END
            payload = {
                "customer_id": tenant["customer_id"],
                "context_type": ctype,
                "topic": topic,
                "content": content,
                "source": source,
                "confidence": round(rng.uniform(0.75, 0.99) if source == "explicit"
                                    else rng.uniform(0.55, 0.9), 2),
                "created_at": iso(created),
                "updated_at": iso(updated),
                "priority": prio,
                "applies_to_agents": agents,
            }
            if examples:
                payload["examples"] = examples
            if exceptions:
                payload["exceptions"] = exceptions
            out.append({"id": str(uuid.uuid5(NS, f"ctx/{name}/{i}")), "payload": payload})
        # Historical notes the agents wrote after notable outcomes of this tenant.
        mine = [c for c in costs if c["payload"]["customer_id"] == tenant["customer_id"]]
        bad = [c for c in mine if c["payload"]["outcome"] != "success"]
        good = sorted((c for c in mine if c["payload"]["outcome"] == "success"),
                      key=lambda c: -c["payload"]["cost_impact"])[:4]
        for j, c in enumerate(bad[:7] + good):
            p = c["payload"]
            when = datetime.strptime(p["execution_date"], "%Y-%m-%dT%H:%M:%SZ").replace(
                tzinfo=timezone.utc)
            kind = p["optimization_type"].replace("_", " ")
            if p["outcome"] == "success":
                content = (f"{when:%B %Y}: {kind} on {p['instance_type']} ({p['cloud_provider']}) "
                           f"saved {p['savings_percent']}% (${p['cost_impact']:,.0f} a month). "
                           f"{p['lessons_learned']}")
                prio = "medium"
            else:
                verb = "failed" if p["outcome"] == "failed" else "was rolled back"
                content = (f"{when:%B %Y}: {kind} on {p['instance_type']} ({p['cloud_provider']}) "
                           f"{verb}. {p['lessons_learned']}")
                prio = "high"
            created = when + timedelta(days=rng.randint(1, 6))
            payload = {
                "customer_id": tenant["customer_id"],
                "context_type": "historical_note",
                "topic": p["optimization_type"],
                "content": content,
                "source": "observation",
                "confidence": round(rng.uniform(0.8, 0.97), 2),
                "created_at": iso(created),
                "updated_at": iso(created),
                "priority": prio,
                "applies_to_agents": ["cost_agent"],
                "examples": f"optimization_id {p['optimization_id']}",
            }
            out.append({"id": str(uuid.uuid5(NS, f"ctx-hist/{name}/{j}")), "payload": payload})
        mine_p = [p for p in perfs if p["payload"]["customer_id"] == tenant["customer_id"]]
        best = sorted(mine_p, key=lambda p: -p["payload"]["improvement_factor"])[:4]
        for j, r in enumerate(best):
            p = r["payload"]
            when = datetime.strptime(p["execution_date"], "%Y-%m-%dT%H:%M:%SZ").replace(
                tzinfo=timezone.utc)
            content = (f"{when:%B %Y}: {p['optimization_applied']} on {p['service_type']} "
                       f"({p['model_name'].split('/')[-1]}) cut P95 from "
                       f"{p['before_latency_p95']:.0f} ms to {p['after_latency_p95']:.0f} ms "
                       f"({p['improvement_factor']}x). Worth proposing first for similar "
                       f"latency problems of this customer.")
            created = when + timedelta(days=rng.randint(1, 6))
            payload = {
                "customer_id": tenant["customer_id"],
                "context_type": "historical_note",
                "topic": "latency_optimisation",
                "content": content,
                "source": "observation",
                "confidence": round(rng.uniform(0.8, 0.97), 2),
                "created_at": iso(created),
                "updated_at": iso(created),
                "priority": "medium",
                "applies_to_agents": ["performance_agent"],
            }
            out.append({"id": str(uuid.uuid5(NS, f"ctx-perf/{name}/{j}")), "payload": payload})
    return out


def write_jsonl(name, records):
    records = sorted(records, key=lambda r: (r["payload"]["customer_id"], r["id"]))
    with open(HERE / name, "w", encoding="utf-8", newline="\n") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")


def main():
    costs = cost_records()
    perfs = perf_records()
    contexts = context_records(costs, perfs)
    write_jsonl("cost_optimization_knowledge.jsonl", costs)
    write_jsonl("performance_patterns.jsonl", perfs)
    write_jsonl("customer_context.jsonl", contexts)
    manifest = {
        "format": 1,
        "description": "Demo agent memory of four fictional customers, written for Memory "
                       "Console.",
        "collection_pattern": "company_{id}_{type}",
        "tenant_key": "customer_id",
        "collections": ["cost_optimization_knowledge", "performance_patterns",
                        "customer_context"],
        "tenants": [{"customer_id": t["customer_id"], "name": t["name"],
                     "industry": t["industry"], "layout": t["layout"]} for t in TENANTS],
    }
    with open(HERE / "manifest.json", "w", encoding="utf-8", newline="\n") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print(f"cost {len(costs)}, performance {len(perfs)}, context {len(contexts)}, "
          f"total {len(costs) + len(perfs) + len(contexts)}")


if __name__ == "__main__":
    main()
