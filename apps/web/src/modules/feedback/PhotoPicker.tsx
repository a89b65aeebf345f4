import { Button, Upload, type UploadFile } from 'antd';

/** Up to five photos chosen on the device, kept in the form until it is sent (the public form and staff entry). */
export function PhotoPicker({ value, onChange }: { value: UploadFile[]; onChange: (files: UploadFile[]) => void }) {
  return (
    <Upload
      beforeUpload={() => false}
      accept="image/*"
      multiple
      maxCount={5}
      listType="picture"
      fileList={value}
      onChange={(e) => onChange(e.fileList)}
    >
      <Button>Chọn ảnh</Button>
    </Upload>
  );
}

/** The photos of a form as multipart parts under the field "photos". */
export const photoParts = (files: UploadFile[]) =>
  files.flatMap((p) => (p.originFileObj ? [{ field: 'photos', file: p.originFileObj as Blob, name: p.name }] : []));
