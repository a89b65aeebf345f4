import { App } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from './api';

/**
 * A user's action on a page: run it, say "Đã lưu." or the server's Vietnamese reason, refresh the
 * module's queries (those under `queryKey`), then `done` (close a form, clear a field).
 */
export function useAct(queryKey: string, done?: () => void) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: (f: () => Promise<unknown>) => f(),
    onSuccess: () => {
      message.success('Đã lưu.');
      void qc.invalidateQueries({ queryKey: [queryKey] });
      done?.();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
}
