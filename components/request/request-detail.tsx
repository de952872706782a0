"use client";

import { BodyViewer } from "@/components/body/body-viewer";
import { Button } from "@/components/button";
import { CompareLauncher } from "@/components/diff/compare-launcher";
import { MethodBadge } from "@/components/method-badge";
import { RESEND_TARGET_INPUT_ID, ResendPanel } from "@/components/resend/resend-panel";
import { SignaturePanel } from "@/components/signature/signature-panel";
import { carriesHop } from "@/lib/resend/outgoing-headers.mjs";
import { useRequestRecord } from "@/lib/swr/use-request-record";
import { CopyAsMenu } from "./copy-as-menu";
import { DeliveryTimeline } from "./delivery-timeline";
import { HeadersTable } from "./headers-table";
import { LoopNotice } from "./loop-notice";
import { Overview } from "./overview";
import { QueryTable } from "./query-table";
import { Section } from "./section";

/** What only the bin's owner may do with a request: resend and delete it. */
export interface RequestActions {
  binKey: string;
  onDelete(id: string): void;
}

interface Props {
  /** The API base: /api/bins/{key}, or /api/shares/{id} on a share link. */
  api: string;
  id: string;
  /**
   * Where "Copy as…" sends the request: the capture URL's origin, e.g. "http://127.0.0.1:3000",
   * or on a share link a placeholder (its records' URLs start at the sub-path).
   */
  origin: string;
  /** Origin of the app (the API), which differs from the capture origin when CAPTURE_URL is set. */
  appOrigin: string;
  /** The owner's actions; absent on a share link, which shows no control that changes anything. */
  actions?: RequestActions;
  onBack(): void;
  /** Opens another request of the bin (a delivery of the same event). */
  onOpen(id: string): void;
}

export function RequestDetail({ api, id, origin, appOrigin, actions, onBack, onOpen }: Props) {
  const { data: record, error, isLoading } = useRequestRecord(api, id);

  if (error) {
    return (
      <p role="alert" className="p-6 text-sm text-rose-800 dark:text-rose-300">
        {(error as Error).message}
      </p>
    );
  }
  if (isLoading || !record) {
    return <p className="p-6 text-sm text-zinc-600 dark:text-zinc-400">Loading request…</p>;
  }

  // A share link's record starts at the sub-path: it is shown as it is, with no origin made up.
  const fullUrl = !actions || /^[a-z][a-z0-9+.-]*:\/\//i.test(record.url) ? record.url : `${origin}${record.url}`;
  const bodyUrl = `${appOrigin}${api}/requests/${record.id}/body`;
  return (
    <article aria-labelledby="detail-title" className="flex flex-col gap-5 p-4 md:p-6">
      <header className="flex flex-wrap items-center gap-3">
        <Button onClick={onBack} className="md:hidden" aria-label="Back to the request list">
          ←
        </Button>
        <MethodBadge method={record.method} />
        <h2
          id="detail-title"
          className="order-last w-full min-w-0 break-all font-mono text-base font-semibold md:order-none md:w-auto md:flex-1"
        >
          {record.path}
          {record.query && <span className="font-normal text-zinc-600 dark:text-zinc-400">?{record.query}</span>}
        </h2>
        <div className="ml-auto flex flex-wrap gap-2">
          <CopyAsMenu record={record} options={{ origin, bodyUrl }} />
          <CompareLauncher api={api} id={record.id} attempt={record.attempt} />
          {actions && (
            <>
              <Button
                onClick={() => {
                  const input = document.getElementById(RESEND_TARGET_INPUT_ID);
                  input?.scrollIntoView({ block: "center" });
                  input?.focus();
                }}
              >
                Resend…
              </Button>
              <Button variant="danger" onClick={() => actions.onDelete(record.id)}>
                Delete
              </Button>
            </>
          )}
        </div>
      </header>
      {carriesHop(record.headers) && <LoopNotice />}
      <Overview record={record} fullUrl={fullUrl} />
      {record.deliveryKey !== null && (
        <Section title="Deliveries">
          <DeliveryTimeline api={api} id={record.id} onOpen={onOpen} />
        </Section>
      )}
      {record.query !== "" && (
        <Section title="Query parameters">
          <QueryTable query={record.query} />
        </Section>
      )}
      <Section title="Body">
        <BodyViewer api={api} record={record} />
      </Section>
      <Section title="Headers" count={record.headers.length}>
        <HeadersTable headers={record.headers} />
      </Section>
      <SignaturePanel key={record.id} api={api} record={record} fullUrl={fullUrl} binKey={actions?.binKey} />
      {actions && (
        <Section title="Resend">
          <ResendPanel binKey={actions.binKey} record={record} />
        </Section>
      )}
    </article>
  );
}
