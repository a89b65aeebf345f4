import { useEffect, useState } from 'react';
import { Alert, Card, Col, Row, Statistic, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, errorMessage, unwrap } from '../../lib/api';
import { useSession } from '../../lib/session';
import { fmt, missingData, type IndexCode } from './common';
import { MissingData } from './MissingData';
import { DecimalInput } from '../../components/DecimalInput';

export function WhatIfTab({ index, year }: { index: IndexCode; year: number }) {
  const { me } = useSession();
  const a = useQuery({
    queryKey: ['indices', 'analysis', { index, year, province: me.provinceCode }],
    queryFn: () => unwrap(api.GET('/api/indices/analysis', { params: { query: { index, year, province: me.provinceCode } } })),
  });
  const [targets, setTargets] = useState<Record<string, number>>({});
  useEffect(() => setTargets({}), [index, year]);
  const targetStr = Object.entries(targets)
    .map(([k, v]) => `${k}:${v}`)
    .join(',');
  const result = useQuery({
    queryKey: ['indices', 'whatif', index, year, targetStr],
    queryFn: () =>
      unwrap(api.GET('/api/indices/what-if', { params: { query: { index, year, province: me.provinceCode, targets: targetStr } } })),
    enabled: !!targetStr,
  });
  const comps = a.data?.components ?? [];
  const missing = missingData(a.data);
  if (missing.noComponents || missing.noField) return <MissingData what={missing.noComponents ? 'components' : 'field'} year={year} />;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <Card size="small" title={`Đặt mục tiêu cho từng thành phần (so với các tỉnh năm ${year})`} loading={a.isPending}>
          <Table
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={comps}
            columns={[
              { title: 'Mã', dataIndex: 'code', width: 60 },
              { title: 'Thành phần', dataIndex: 'name' },
              { title: 'Hiện tại', dataIndex: 'value', width: 90, render: (v) => fmt(v) },
              { title: 'Trung vị', dataIndex: 'median', width: 90, render: (v) => fmt(v) },
              {
                title: 'Mục tiêu',
                width: 120,
                render: (_, c) => (
                  <DecimalInput
                    aria-label={`Mục tiêu ${c.code}`}
                    size="small"
                    step={0.1}
                    min={0}
                    max={c.maxPoints ?? undefined}
                    value={targets[c.code]}
                    placeholder={fmt(c.value)}
                    onChange={(v) =>
                      setTargets((t) => {
                        const n = { ...t };
                        if (v === null) delete n[c.code];
                        else n[c.code] = v;
                        return n;
                      })
                    }
                  />
                ),
              },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card size="small" title="Kết quả giả định">
          {!targetStr ? (
            <Alert type="info" showIcon title="Nhập giá trị mục tiêu cho một hay nhiều thành phần để xem tổng điểm và thứ hạng." />
          ) : result.isError ? (
            <Alert type="error" showIcon title={errorMessage(result.error)} />
          ) : result.data && !result.data.computable ? (
            <Alert type="warning" showIcon title="Phương pháp của chỉ số này không cho phép tính tổng từ các thành phần." />
          ) : (
            <Row gutter={16}>
              <Col span={12}>
                <Statistic groupSeparator="." decimalSeparator="," title="Tổng điểm hiện tại" value={fmt(result.data?.baselineTotal)} />
              </Col>
              <Col span={12}>
                <Statistic
                  groupSeparator="."
                  decimalSeparator=","
                  title="Tổng điểm giả định"
                  value={fmt(result.data?.total)}
                  styles={{ content: { color: '#389e0d' } }}
                />
              </Col>
              <Col span={12}>
                <Statistic
                  groupSeparator="."
                  decimalSeparator=","
                  title="Thứ hạng hiện tại"
                  value={result.data ? `${result.data.baselineRank}/${result.data.fieldSize}` : '…'}
                />
              </Col>
              <Col span={12}>
                <Statistic
                  groupSeparator="."
                  decimalSeparator=","
                  title="Thứ hạng giả định"
                  value={result.data ? `${result.data.rank}/${result.data.fieldSize}` : '…'}
                  styles={{ content: { color: '#389e0d' } }}
                />
              </Col>
              {result.data?.derived && (
                <Col span={24}>
                  <Alert
                    style={{ marginTop: 12 }}
                    type="info"
                    showIcon
                    title="Tỉnh được tính như một (trung bình các tỉnh cũ, số liệu suy ra); các tỉnh cũ không còn trong danh sách so sánh."
                  />
                </Col>
              )}
            </Row>
          )}
        </Card>
      </Col>
    </Row>
  );
}
