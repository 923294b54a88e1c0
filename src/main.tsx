import './ui/styles.css';
import './app/app.css';
import { boot } from './app/boot.tsx';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
void boot(container);
