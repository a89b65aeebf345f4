import { useState } from 'react';
import { App, Button, Input, Modal, Popconfirm, Space, Tag, Typography, Upload, type UploadFile } from 'antd';
import { DeleteOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { api, errorMessage, queryClient, unwrap, upload, uploadForm, urlFor } from '../../lib/api';
import type { Sheet } from './common';

type Criterion = Sheet['criteria'][number];

/**
 * The evidence of one criterion on a unit's sheet: its files (with where the proof is), a button to add
 * one and to remove one while the unit may still change the sheet, and a warning where the framework
 * requires evidence, points were given and neither a file nor a written explanation is there.
 */
export function EvidenceCell({ sheet, c, editable }: { sheet: Sheet; c: Criterion; editable: boolean }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<UploadFile | null>(null);
  const [locator, setLocator] = useState('');
  const path = { id: sheet.roundId, unitCode: sheet.unitCode };
  const done = (d: Sheet) => {
    queryClient.setQueryData(['assessment', 'sheet', sheet.roundId, sheet.unitCode], d);
  };
  const add = useMutation({
    mutationFn: () =>
      upload(
        '/api/assessment/rounds/{id}/units/{unitCode}/evidence',
        uploadForm(file!.originFileObj as File, file!.name, { criterion: c.code, ...(locator.trim() ? { locator: locator.trim() } : {}) }),
        path,
      ),
    onSuccess: (d) => {
      done(d);
      setOpen(false);
      setFile(null);
      setLocator('');
      message.success('Đã đính kèm tài liệu kiểm chứng');
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const remove = useMutation({
    mutationFn: (evidenceId: number) =>
      unwrap(
        api.DELETE('/api/assessment/rounds/{id}/units/{unitCode}/evidence/{evidenceId}', { params: { path: { ...path, evidenceId } } }),
      ),
    onSuccess: (d) => {
      done(d);
      message.success('Đã gỡ tài liệu');
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  if (c.method === 'du_lieu') return <Typography.Text type="secondary">số liệu của hệ thống</Typography.Text>;
  if (c.method === 'khao_sat') return <Typography.Text type="secondary">từ điều tra xã hội học</Typography.Text>;
  if (c.method === 'tru') return null;
  const missing = c.evidenceRequired && (c.self?.score ?? 0) > 0 && !c.evidence.length && !c.self?.note;
  return (
    <Space direction="vertical" size={2}>
      {c.evidence.map((e) => (
        <Space key={e.id} size={4}>
          <a href={urlFor('/api/assessment/evidence/{id}', { path: { id: e.id } })}>
            <PaperClipOutlined /> {e.filename}
          </a>
          {e.locator && <Typography.Text type="secondary">({e.locator})</Typography.Text>}
          {editable && (
            <Popconfirm title="Gỡ tài liệu này?" okText="Gỡ" cancelText="Không" onConfirm={() => remove.mutate(e.id)}>
              <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={`Gỡ ${e.filename}`} />
            </Popconfirm>
          )}
        </Space>
      ))}
      {missing && <Tag color="red">thiếu minh chứng hoặc giải trình</Tag>}
      {editable && (
        <Button size="small" icon={<PaperClipOutlined />} onClick={() => setOpen(true)}>
          Đính kèm
        </Button>
      )}
      <Modal
        open={open}
        title={`Tài liệu kiểm chứng – tiêu chí ${c.code}`}
        okText="Đính kèm"
        cancelText="Hủy"
        okButtonProps={{ disabled: !file, loading: add.isPending }}
        onOk={() => add.mutate()}
        onCancel={() => setOpen(false)}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{c.content}</Typography.Text>
          <Upload maxCount={1} fileList={file ? [file] : []} beforeUpload={() => false} onChange={(i) => setFile(i.fileList[0] ?? null)}>
            <Button icon={<PaperClipOutlined />}>Chọn tệp</Button>
          </Upload>
          <Input
            placeholder="Vị trí trong văn bản (không bắt buộc), ví dụ: Mục II, trang 3"
            value={locator}
            maxLength={300}
            onChange={(e) => setLocator(e.target.value)}
          />
        </Space>
      </Modal>
    </Space>
  );
}
