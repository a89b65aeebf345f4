/** Rows → API shapes. The sender's identity goes only to those the policy lets see it. */
import { abilities, can, formatLocalDateTime, type Actor, type WorkingCalendar } from '@cchc/core';
import { CHANNEL_LABELS, daysLeft, KIND_LABELS, OPEN_STATUSES, STATUS_LABELS, timeliness, TIMELINESS_LABELS } from './feedback.domain';
import { CASE_ACTIONS, type CaseSubject } from './feedback.policy';
import type { CaseListRow, CaseRow } from './feedback.repository';

const iso = (d: Date | null | undefined) => (d ? formatLocalDateTime(new Date(d)) : null);

export function clockView(
  cal: WorkingCalendar,
  today: string,
  r: Pick<CaseRow, 'status' | 'dueDate' | 'classifyDue' | 'approvedAt' | 'classifiedAt'>,
) {
  const t = timeliness(r, today);
  return {
    timeliness: t,
    timelinessLabel: TIMELINESS_LABELS[t],
    daysLeft: OPEN_STATUSES.includes(r.status) && !r.approvedAt ? daysLeft(cal, today, r.dueDate) : null,
  };
}

export function presentListItem(actor: Actor, cal: WorkingCalendar, today: string, r: CaseListRow) {
  const sender = can(actor, 'feedback.viewSender') ? { name: r.senderName, phone: r.senderPhone, email: r.senderEmail } : null;
  return {
    id: Number(r.id),
    code: r.code,
    channel: r.channel,
    channelLabel: CHANNEL_LABELS[r.channel],
    categoryCode: r.categoryCode,
    categoryName: r.categoryName ?? r.categoryCode,
    kind: r.kind,
    status: r.status,
    statusLabel: STATUS_LABELS[r.status],
    title: r.title,
    excerpt: r.excerpt,
    place: r.place,
    receivedAt: iso(r.receivedAt)!,
    dueDate: r.dueDate,
    ...clockView(cal, today, r),
    unitCode: r.unitCode,
    unitName: r.unitName,
    hidden: r.hidden,
    ratingStars: r.ratingStars,
    ratingSolved: r.ratingSolved,
    repeated: r.repeatOf !== null,
    extended: r.extendedDays !== null,
    taskRef: r.taskRef,
    sender,
  };
}

export interface CaseDetailParts {
  row: CaseRow;
  subject: CaseSubject;
  categoryName: string;
  unit: { code: string; name: string } | null;
  coordinators: { code: string; name: string }[];
  events: {
    id: number | string;
    at: Date;
    kind: string;
    isPublic: boolean;
    note: string | null;
    unitName: string | null;
    userName: string | null;
  }[];
  photos: { id: number | string; width: number; height: number; isPublic: boolean }[];
  letter: { id: number; filename: string } | null;
  repeatOfCode: string | null;
  repeats: string[];
  /** The task made from the case (you said, we did) and its state. */
  task: { id: number; link: string; statusLabel: string } | null;
}

export function presentCase(actor: Actor, cal: WorkingCalendar, today: string, p: CaseDetailParts) {
  const r = p.row;
  const seesSender = can(actor, 'feedback.viewSender');
  return {
    id: Number(r.id),
    code: r.code,
    channel: r.channel,
    channelLabel: CHANNEL_LABELS[r.channel],
    source: r.source,
    externalCode: r.externalCode,
    categoryCode: r.categoryCode,
    categoryName: p.categoryName,
    kind: r.kind,
    kindLabel: KIND_LABELS[r.kind],
    status: r.status,
    statusLabel: STATUS_LABELS[r.status],
    title: r.title,
    content: r.content,
    place: r.place,
    latitude: r.latitude,
    longitude: r.longitude,
    receivedAt: iso(r.receivedAt)!,
    countedFrom: r.countedFrom,
    dueDate: r.dueDate,
    classifyDue: r.classifyDue,
    ...clockView(cal, today, r),
    unit: p.unit,
    coordinators: p.coordinators,
    transfers: r.transfers,
    extendedDays: r.extendedDays,
    extensionReason: r.extensionReason,
    draftAnswer: r.draftAnswer,
    answer: r.answer,
    approvedAt: iso(r.approvedAt),
    returnNote: r.returnNote,
    publishDue: r.publishDue,
    publishedAt: iso(r.publishedAt),
    rejectReason: r.rejectReason,
    hidden: r.hidden,
    hiddenReason: r.hiddenReason,
    ratingStars: r.ratingStars,
    ratingSolved: r.ratingSolved,
    ratedAt: iso(r.ratedAt),
    repeatOfCode: p.repeatOfCode,
    repeats: p.repeats,
    task: p.task,
    sender: seesSender
      ? { name: r.senderName, phone: r.senderPhone, email: r.senderEmail, address: r.senderAddress, consent: r.consent }
      : null,
    events: p.events.map((e) => ({
      id: Number(e.id),
      at: iso(e.at)!,
      kind: e.kind,
      isPublic: e.isPublic,
      note: e.note,
      unitName: e.unitName,
      userName: e.userName,
    })),
    photos: p.photos.map((ph) => ({ id: Number(ph.id), width: ph.width, height: ph.height, isPublic: ph.isPublic })),
    letter: seesSender ? p.letter : null,
    abilities: abilities(actor, p.subject, CASE_ACTIONS),
  };
}
