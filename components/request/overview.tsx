import type { ReactNode } from "react";
import { ImportedBadge } from "@/components/imported-badge";
import { RelativeTime } from "@/components/relative-time";
import { answerDescription } from "@/lib/deliveries/answer-label";
import { formatAbsolute, formatBytes } from "@/lib/format";
import type { RequestRecord } from "@/lib/requests/types";

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="contents">
      <dt className="text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="min-w-0">{children}</dd>
    </div>
  );
}

export function Overview({ record, fullUrl }: { record: RequestRecord; fullUrl: string }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1.5 text-sm lg:grid-cols-[max-content_1fr_max-content_1fr]">
      <div className="col-span-full grid grid-cols-subgrid">
        <dt className="text-zinc-600 dark:text-zinc-400">URL</dt>
        <dd className="col-span-1 min-w-0 break-all font-mono lg:col-span-3">{fullUrl}</dd>
      </div>
      <Row label="HTTP version">
        <span className="font-mono">HTTP/{record.httpVersion}</span>
      </Row>
      <Row label="Client IP">
        <span className="font-mono">{record.ip}</span>
      </Row>
      <Row label="Received">
        {formatAbsolute(record.receivedAt)} (<RelativeTime iso={record.receivedAt} />)
        {record.importedAt && <ImportedBadge importedAt={record.importedAt} />}
      </Row>
      <Row label="Body size">
        {formatBytes(record.bodySize)} ({record.bodySize.toLocaleString("en")} bytes)
      </Row>
      <Row label="Content type">
        <span className="font-mono">{record.contentType ?? "none"}</span>
      </Row>
      <Row label="Request id">
        <span className="break-all font-mono">{record.id}</span>
      </Row>
      <Row label="Sequence">
        <span className="font-mono">#{record.seq}</span>
      </Row>
      <Row label="Delivery key">
        <span className="break-all font-mono">{record.deliveryKey ?? "none (no sender id, empty body)"}</span>
      </Row>
      <Row label="Attempt">
        {record.attempt}
        {record.attempt > 1 && " (a redelivery)"}
      </Row>
      <Row label="Answered">{record.answer ? answerDescription(record.answer) : "not recorded"}</Row>
    </dl>
  );
}
