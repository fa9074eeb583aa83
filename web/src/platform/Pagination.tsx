import { formatNumber } from './format';

interface PaginationProps {
  page: number;
  pageSize: number;
  total: number;
  onPageChange: (page: number) => void;
}

export function Pagination({ page, pageSize, total, onPageChange }: PaginationProps) {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  if (pageCount === 1 && page === 1) {
    return (
      <p className="pagination__total">{total === 1 ? '1 resultado' : `${formatNumber(total)} resultados`}</p>
    );
  }
  return (
    <nav className="pagination" aria-label="Paginación">
      <button
        type="button"
        className="button button--secondary"
        disabled={page <= 1}
        onClick={() => onPageChange(page - 1)}
      >
        Anterior
      </button>
      <p className="pagination__status">
        Página {formatNumber(page)} de {formatNumber(pageCount)}
        <span className="pagination__total"> · {formatNumber(total)} resultados</span>
      </p>
      <button
        type="button"
        className="button button--secondary"
        disabled={page >= pageCount}
        onClick={() => onPageChange(page + 1)}
      >
        Siguiente
      </button>
    </nav>
  );
}
