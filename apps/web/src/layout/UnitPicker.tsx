import { Select, Tag, Tooltip } from 'antd';
import { useSession, useProvinceUnits } from '../lib/session';
import { unitSearch } from '../lib/text';

/**
 * The unit whose data the pages show. Provincial roles choose the whole province or any department or
 * commune; a unit's own staff see only their unit, so there is nothing to choose.
 */
export function UnitPicker() {
  const { me, unitCode, setUnitCode } = useSession();
  const children = useProvinceUnits();

  if (me.scope !== 'province') {
    return (
      <Tooltip title="Bạn xem dữ liệu của đơn vị mình">
        <Tag color="red" style={{ maxWidth: 260, overflow: 'hidden', textOverflow: 'ellipsis' }}>
          {me.unitName}
        </Tag>
      </Tooltip>
    );
  }
  const units = children.data ?? [];
  const agencies = units.filter((u) => !['commune', 'ward', 'special_zone'].includes(u.type));
  const communes = units.filter((u) => ['commune', 'ward', 'special_zone'].includes(u.type));
  return (
    <Select
      aria-label="Chọn đơn vị"
      showSearch={unitSearch}
      loading={children.isPending}
      value={unitCode}
      onChange={setUnitCode}
      style={{ width: 'min(320px, 48vw)' }}
      popupMatchSelectWidth={360}
      options={[
        { value: me.provinceCode, label: 'Toàn tỉnh' },
        { label: `Sở, ban, ngành (${agencies.length})`, options: agencies.map((u) => ({ value: u.code, label: u.name })) },
        { label: `Xã, phường, đặc khu (${communes.length})`, options: communes.map((u) => ({ value: u.code, label: u.name })) },
      ]}
    />
  );
}
